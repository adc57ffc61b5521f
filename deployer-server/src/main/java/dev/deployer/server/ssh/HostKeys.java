package dev.deployer.server.ssh;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Host public keys in OpenSSH's {@code type base64} form, and their {@code SHA256:...} fingerprints. */
public final class HostKeys {
    private HostKeys() {}

    public static String openSsh(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob);
    }

    public static byte[] blob(String openSshKey) {
        String[] parts = openSshKey.trim().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key ('type base64')");
        }
        return Base64.getDecoder().decode(parts[1]);
    }

    public static String type(String openSshKey) {
        return openSshKey.trim().split("\\s+")[0];
    }

    public static String fingerprint(String openSshKey) {
        return ServerKeyPair.fingerprintOf(blob(openSshKey));
    }

    public static boolean same(String openSshKey, PublicKey presented) {
        return blobEquals(openSshKey, openSsh(presented));
    }

    static boolean blobEquals(String a, String b) {
        return Arrays.equals(blob(a), blob(b));
    }

    /** {@code SHA256:abc}, {@code abc} and a padded {@code abc=} all name the same fingerprint. */
    public static String normalizeFingerprint(String fingerprint) {
        String value = fingerprint.trim();
        if (value.startsWith("SHA256:")) {
            value = value.substring("SHA256:".length());
        }
        while (value.endsWith("=")) {
            value = value.substring(0, value.length() - 1);
        }
        return "SHA256:" + value;
    }

    /** The host key algorithms to offer first so the host presents the same key type that was pinned. */
    static List<String> algorithmsFor(String openSshKey) {
        String type = type(openSshKey);
        return "ssh-rsa".equals(type) ? List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa") : List.of(type);
    }
}
