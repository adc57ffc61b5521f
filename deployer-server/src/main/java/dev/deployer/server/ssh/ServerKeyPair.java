package dev.deployer.server.ssh;

import dev.deployer.server.settings.StartupException;
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
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
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
            } else if (!Files.exists(pub)) {
                // Left by an older version stopped between its two writes: the public half follows from the private one.
                writePublic(pub, publicKeyOf(Files.readString(priv, StandardCharsets.US_ASCII)));
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
        // Public half first, private last, each atomically: the private key's presence means the pair is complete,
        // and a start stopped halfway makes a new pair next time instead of leaving a half-written key.
        writePublic(pub, publicBlob);
        DataDir.writePrivate(priv, pem);
    }

    private static void writePublic(Path pub, byte[] publicBlob) throws IOException {
        DataDir.writeAtomically(pub, "ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob) + " " + COMMENT + "\n", "rw-r--r--");
    }

    private static byte[] publicKeyOf(String pem) throws IOException {
        try {
            String body = pem.replace(PEM_BEGIN, "").replace(PEM_END, "").replaceAll("\\s", "");
            Ed25519PrivateKeyParameters key = (Ed25519PrivateKeyParameters) OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(
                    Base64.getDecoder().decode(body));
            return OpenSSHPublicKeyUtil.encodePublicKey(key.generatePublicKey());
        } catch (RuntimeException e) {
            throw new IOException("the private key is not an OpenSSH ed25519 key (" + e.getClass().getSimpleName() + ")", e);
        }
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
