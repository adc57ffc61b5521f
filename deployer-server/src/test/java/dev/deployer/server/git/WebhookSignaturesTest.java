package dev.deployer.server.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
    // echo -n '{"ref":"refs/heads/main"}' | openssl dgst -sha256 -hmac 's3cret'
    private static final String HMAC = WebhookSignatures.hmac("s3cret", BODY);

    @Test
    void hmacIsTheStandardHexDigest() {
        assertThat(HMAC).hasSize(64).matches("[0-9a-f]+");
        assertThat(WebhookSignatures.hmac("s3cret", BODY)).isEqualTo(HMAC);
        assertThat(WebhookSignatures.hmac("other", BODY)).isNotEqualTo(HMAC);
    }

    @Test
    void githubGiteaAndGitlabSignaturesAreAccepted() {
        assertThat(WebhookSignatures.valid("s3cret", BODY, "sha256=" + HMAC, null, null)).isTrue();
        assertThat(WebhookSignatures.valid("s3cret", BODY, null, HMAC, null)).isTrue();
        assertThat(WebhookSignatures.valid("s3cret", BODY, null, null, "s3cret")).isTrue();
    }

    @Test
    void wrongMissingOrTamperedSignaturesAreRefused() {
        assertThat(WebhookSignatures.valid("s3cret", BODY, null, null, null)).isFalse();
        assertThat(WebhookSignatures.valid("s3cret", BODY, HMAC, null, null)).isFalse();
        assertThat(WebhookSignatures.valid("s3cret", "{}".getBytes(StandardCharsets.UTF_8), "sha256=" + HMAC, null, null)).isFalse();
        assertThat(WebhookSignatures.valid("s3cret", BODY, null, "00" + HMAC.substring(2), null)).isFalse();
        assertThat(WebhookSignatures.valid("s3cret", BODY, null, null, "wrong")).isFalse();
    }
}
