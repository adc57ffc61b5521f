package dev.deployer.server.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.server.secrets.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest: AES-256-GCM under the master key, a fresh 96-bit nonce per value.
 * Stored form: {@code v1:} + base64(nonce || ciphertext+tag).
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes");
        }
        this.key = new SecretKeySpec(masterKey, "AES");
    }

    public String seal(Secret secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public Secret open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("stored value is not in the v1 format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored value cannot be decrypted: is DEPLOYER_MASTER_KEY the key it was written with?");
        }
    }

    /** Seals a whole set of named values as one JSON object, e.g. a release's config snapshot. */
    public String sealAll(SortedMap<String, Secret> values) {
        Map<String, String> plain = new LinkedHashMap<>();
        values.forEach((name, secret) -> plain.put(name, secret.reveal()));
        try {
            return seal(Secret.of(JSON.writeValueAsString(plain)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode values as JSON", e);
        }
    }

    public SortedMap<String, Secret> openAll(String stored) {
        Map<String, String> plain;
        try {
            plain = JSON.readValue(open(stored).reveal(), new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("a stored set of values is not the JSON object it was sealed as");
        }
        SortedMap<String, Secret> values = new TreeMap<>();
        plain.forEach((name, value) -> values.put(name, Secret.of(value)));
        return values;
    }

    /** HMAC-SHA256 keyed by a secret (webhook signatures), so the key's plain value stays inside this class. */
    public static byte[] hmacSha256(Secret key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
