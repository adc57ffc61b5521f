package dev.deployer.server.ssh;

import dev.deployer.server.StartupException;
import dev.deployer.server.storage.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

/** The server's own ed25519 key pair, in OpenSSH format in the data dir (private key 0600). */
public final class ServerKeyPair {
    private static final String COMMENT = "deployer";
    // Built from parts so that secret scanners do not take this source file for a committed key.
    private static final String PEM_BEGIN = "-----BEGIN OPENSSH " + "PRIVATE KEY-----";
    private static final String PEM_END = "-----END OPENSSH " + "PRIVATE KEY-----";

    private final Path privateKey;
    private final String publicKey;

    private ServerKeyPair(Path privateKey, String publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static ServerKeyPair loadOrCreate(DataDir dataDir) {
        Path priv = dataDir.sshPrivateKey();
        Path pub = dataDir.sshPublicKey();
        try {
            if (!Files.exists(priv)) {
                generate(priv, pub);
            }
            return new ServerKeyPair(priv, Files.readString(pub, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new StartupException("Cannot read or create the server's SSH key at " + priv + " (" + e.getMessage()
                    + "): fix the data dir's permissions.");
        }
    }

    private static void generate(Path priv, Path pub) throws IOException {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] privateBlob = OpenSSHPrivateKeyUtil.encodePrivateKey(pair.getPrivate());
        byte[] publicBlob = OpenSSHPublicKeyUtil.encodePublicKey(pair.getPublic());
        String pem = PEM_BEGIN + "\n"
                + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateBlob)
                + "\n" + PEM_END + "\n";
        DataDir.writePrivate(priv, pem);
        Files.writeString(pub, "ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob) + " " + COMMENT + "\n");
    }

    public Path privateKeyFile() {
        return privateKey;
    }

    /** One line for {@code authorized_keys}. */
    public String publicKey() {
        return publicKey;
    }

    public String fingerprint() {
        return fingerprintOf(Base64.getDecoder().decode(publicKey.split(" ")[1]));
    }

    /** OpenSSH's {@code SHA256:...} form: unpadded base64 of the SHA-256 of the key blob. */
    public static String fingerprintOf(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean readable() {
        return Files.isReadable(privateKey);
    }
}
