package dev.deployer.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.server.deploy.DeploymentObserver.Notice;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2025-05-01T10:15:30Z");
    private static final Notice SUCCEEDED = new Notice(42, "shop", "deploy", "succeeded", 7, "0123456789abcdef", "alice",
            "v7 is current on 3 host(s); artifact uploaded to 3");

    private final NotificationBody bodies = new NotificationBody(Optional.of("https://deployer.example.com"));

    @Test
    void jsonBodyNamesAppReleaseCommitWhoStatusReasonAndDashboardLink() throws Exception {
        JsonNode body = JSON.readTree(bodies.render(WebhookFormat.JSON, SUCCEEDED, AT));

        assertThat(body.get("event").asText()).isEqualTo("deployment.succeeded");
        assertThat(body.get("status").asText()).isEqualTo("succeeded");
        assertThat(body.get("app").asText()).isEqualTo("shop");
        assertThat(body.get("deployment").asLong()).isEqualTo(42);
        assertThat(body.get("kind").asText()).isEqualTo("deploy");
        assertThat(body.get("release").asText()).isEqualTo("v7");
        assertThat(body.get("version").asInt()).isEqualTo(7);
        assertThat(body.get("commit").asText()).isEqualTo("0123456789abcdef");
        assertThat(body.get("who").asText()).isEqualTo("alice");
        assertThat(body.get("reason").asText()).isEqualTo(SUCCEEDED.reason());
        assertThat(body.get("dashboard").asText()).isEqualTo("https://deployer.example.com/#/apps/shop");
        assertThat(body.get("at").asText()).isEqualTo("2025-05-01T10:15:30Z");
    }

    @Test
    void failureBeforeAReleaseHasNullReleaseAndCommitAndNoLinkWithoutAPublicUrl() throws Exception {
        Notice failed = new Notice(43, "shop", "deploy", "failed", null, null, "ci", "build: mvn exited 1");

        JsonNode body = JSON.readTree(new NotificationBody(Optional.empty()).render(WebhookFormat.JSON, failed, AT));

        assertThat(body.get("status").asText()).isEqualTo("failed");
        assertThat(body.get("release").isNull()).isTrue();
        assertThat(body.get("commit").isNull()).isTrue();
        assertThat(body.get("dashboard").isNull()).isTrue();
        assertThat(body.get("reason").asText()).isEqualTo("build: mvn exited 1");
    }

    @Test
    void slackBodyIsOneTextFieldWithShortCommitReasonAndDashboardLink() throws Exception {
        JsonNode body = JSON.readTree(bodies.render(WebhookFormat.SLACK, SUCCEEDED, AT));

        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("text").asText()).isEqualTo(":white_check_mark: shop: deploy v7 (0123456) succeeded by alice: "
                + "v7 is current on 3 host(s); artifact uploaded to 3 <https://deployer.example.com/#/apps/shop|dashboard>");
    }

    @Test
    void slackTextEscapesAngleBracketsAndAmpersandsOfTheReason() throws Exception {
        Notice failed = new Notice(44, "shop", "rollback", "failed", 3, null, "bob", "web1: health: got <html> & 503");

        String text = JSON.readTree(bodies.render(WebhookFormat.SLACK, failed, AT)).get("text").asText();

        assertThat(text).startsWith(":x: shop: rollback v3 failed by bob: web1: health: got &lt;html&gt; &amp; 503 <https://");
    }

    @Test
    void startedSlackTextCarriesNoReason() throws Exception {
        Notice started = new Notice(45, "shop", "deploy", "started", 8, "abcdef0123", "alice", null);

        String text = JSON.readTree(new NotificationBody(Optional.empty()).render(WebhookFormat.SLACK, started, AT))
                .get("text").asText();

        assertThat(text).isEqualTo(":rocket: shop: deploy v8 (abcdef0) started by alice");
    }

    @Test
    void aLongReasonIsCutTo1000Characters() throws Exception {
        Notice failed = new Notice(46, "shop", "deploy", "failed", 9, null, "ci", "x".repeat(5000));

        JsonNode body = JSON.readTree(bodies.render(WebhookFormat.JSON, failed, AT));

        assertThat(body.get("reason").asText()).hasSize(1001).endsWith("…");
    }
}
