package dev.deployer.server.git;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.AppInfo;
import dev.deployer.api.AppRequest;
import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A watched repository: new commits found by polling and by signed webhooks, each deployed once. */
@WithTestHosts(1)
class RepoWatchIT {
    private static final int PORT = 8092;
    private static LiveDeployer deployer;
    private static SampleRepo repo;
    private static TestHost host;
    private static String webhookSecret;

    @BeforeAll
    static void setUp(TestHosts hosts) throws Exception {
        host = hosts.get(0);
        LiveDeployer.removeAppFrom(host, "watched");
        // Poll rarely, so that the webhook test is not a poll in disguise.
        deployer = LiveDeployer.start(hosts, Map.of("DEPLOYER_POLL_INTERVAL_SECONDS", "3"));
        repo = SampleRepo.create(Files.createTempDirectory("watched-"));
        AppInfo app = deployer.createApp(AppRequest.create("watched", List.of(host.name())).withRepo(repo.url(), "main")
                .withRun(PORT, "-Xmx64m", "/health"));
        webhookSecret = app.webhookSecret();
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            deployer.close();
        }
    }

    @Test
    void pollingDeploysEachNewCommitOnceAndWebhooksNeedAValidSignature() throws Exception {
        awaitServing("hello from hello-service 1");
        repo.commitVersion("2", false);
        awaitServing("hello from hello-service 2");
        Thread.sleep(8000); // a few more polls: the same commit must not deploy again
        List<ReleaseInfo> releases = deployer.admin().releases("watched");
        assertThat(releases).extracting(ReleaseInfo::version).containsExactly(2, 1);

        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(hook(body, "X-Hub-Signature-256", "sha256=" + "0".repeat(64))).isEqualTo(401);
        assertThat(hook(body, "X-Gitlab-Token", "wrong")).isEqualTo(401);
        assertThat(hook(body, "X-Hub-Signature-256", "sha256=" + WebhookSignatures.hmac(webhookSecret, body))).isEqualTo(202);
        assertThat(hook(body, "X-Gitea-Signature", WebhookSignatures.hmac(webhookSecret, body))).isEqualTo(202);
        assertThat(hook(body, "X-Gitlab-Token", webhookSecret)).isEqualTo(202);
        Thread.sleep(5000);
        assertThat(deployer.admin().releases("watched")).hasSize(2);
    }

    private static int hook(byte[] body, String header, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(deployer.server().url() + "hooks/watched"))
                .header(header, value).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitServing(String expected) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 180; i++) {
            last = host.run("curl -s http://127.0.0.1:" + PORT + "/").out();
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("never served '" + expected + "' (last: '" + last + "'); releases "
                + deployer.admin().get("api/apps/watched/releases", new TypeReference<List<ReleaseInfo>>() {}));
    }
}
