package dev.deployer.server.git;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a push webhook against the app's secret, each forge its own way, always in constant time:
 * GitHub {@code X-Hub-Signature-256: sha256=HEX}, Gitea {@code X-Gitea-Signature: HEX} (both
 * HMAC-SHA256 of the body), GitLab {@code X-Gitlab-Token: SECRET}.
 */
public final class WebhookSignatures {
    private WebhookSignatures() {}

    public static boolean valid(String secret, byte[] body, String github, String gitea, String gitlab) {
        if (github != null) {
            return github.startsWith("sha256=") && same(hmac(secret, body), github.substring(7).toLowerCase());
        }
        if (gitea != null) {
            return same(hmac(secret, body), gitea.toLowerCase());
        }
        if (gitlab != null) {
            return same(secret, gitlab);
        }
        return false;
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
