package dev.deployer.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.WebhookInfo;
import dev.deployer.api.WebhookRequest;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A real deploy on a real host, told to real HTTP receivers on loopback: one that answers (JSON
 * and Slack bodies), one that answers 500, and a global one (DEPLOYER_NOTIFY_URLS) that never
 * answers. The good receiver gets start and success with every field; the bad ones are retried,
 * and the deployment neither fails nor waits for them. Tokens in the URLs and a config secret
 * appear in no body, API answer, audit entry, event or server log line.
 */
@WithTestHosts(1)
class NotificationsIT {
    private static final String APP = "notif";
    private static final int PORT = 8119;
    private static final String TOKEN = "TOK3NINPATH";
    private static final String SECRET = "CONFIGSECRET42";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void deployIsToldToGoodReceiversWhileFailingAndHangingOnesChangeNothing(TestHosts hosts) throws Exception {
        TestHost host = hosts.get(0);
        LiveDeployer.removeAppFrom(host, APP);
        SampleRepo repo = SampleRepo.create(Files.createTempDirectory("notif-repo-"));
        try (Receiver good = new Receiver(Receiver.Mode.OK); Receiver failing = new Receiver(Receiver.Mode.FAIL);
             Receiver hanging = new Receiver(Receiver.Mode.HANG);
             LiveDeployer deployer = LiveDeployer.start(hosts, Map.of("DEPLOYER_PUBLIC_URL", "http://deployer.test:8080",
                     "DEPLOYER_NOTIFY_URLS", hanging.url("/global/" + TOKEN)))) {
            DeployerClient admin = deployer.admin();
            try {
                deployer.createApp(AppRequest.create(APP, List.of(host.name())).withRepo(repo.url(), "main")
                        .withRun(PORT, "-Xmx64m", "/health").withStrategy("restart"));
                admin.changeConfig(APP, Map.of("API_SECRET", SECRET), false);
                List<String> answers = new ArrayList<>();
                String path = "api/apps/" + APP + "/notifications";
                WebhookInfo json = admin.send("POST", path, new WebhookRequest(good.url("/json/" + TOKEN), null, null),
                        new TypeReference<>() {});
                WebhookInfo slack = admin.send("POST", path, new WebhookRequest(good.url("/slack?token=" + TOKEN), "slack",
                        List.of("succeeded", "failed")), new TypeReference<>() {});
                WebhookInfo refused = admin.send("POST", path, new WebhookRequest(failing.url("/fail/" + TOKEN), "json", null),
                        new TypeReference<>() {});
                answers.add(json.toString() + slack);
                assertThat(json.masked()).isEqualTo("http://127.0.0.1/…");
                assertThat(slack.events()).containsExactly("succeeded", "failed");

                Instant asked = Instant.now();
                StringBuilder events = new StringBuilder();
                DeploymentInfo done = admin.follow(admin.deploy(APP, null, false).id(), e -> events.append(e).append('\n'));
                Instant ended = Instant.now();
                // The hanging receiver's three tries of "started" take 35 s (10 s each, 1 s and 4 s apart): had the
                // deployment waited for them, their "given up" line would be in the log by now.
                assertThat(deployer.server().output()).as("the hanging receiver's tries still running at the end")
                        .doesNotContain("webhook=global-1");
                System.out.println("NotificationsIT: deploy took " + Duration.between(asked, ended).toMillis() + " ms");

                assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
                // A receiver that never answers is still holding a request when the deployment is over: it was not waited for.
                assertThat(hanging.received).as("the hanging receiver was called").isNotEmpty();
                assertThat(Duration.between(asked, ended)).as("deploy time").isLessThan(Duration.ofSeconds(120));
                await(() -> good.on("/json/" + TOKEN).size() >= 2, Duration.ofSeconds(10));
                List<Receiver.Received> toJson = good.on("/json/" + TOKEN);
                JsonNode started = JSON.readTree(toJson.get(0).body());
                JsonNode succeeded = JSON.readTree(toJson.get(1).body());
                assertThat(started.get("status").asText()).isEqualTo("started");
                assertThat(succeeded.get("status").asText()).isEqualTo("succeeded");
                for (JsonNode body : List.of(started, succeeded)) {
                    assertThat(body.get("app").asText()).isEqualTo(APP);
                    assertThat(body.get("deployment").asLong()).isEqualTo(done.id());
                    assertThat(body.get("release").asText()).isEqualTo("v1");
                    assertThat(body.get("commit").asText()).isEqualTo(repo.head());
                    assertThat(body.get("who").asText()).isEqualTo(done.createdBy());
                    assertThat(body.get("dashboard").asText()).isEqualTo("http://deployer.test:8080/#/apps/" + APP);
                }
                assertThat(succeeded.get("reason").asText()).isEqualTo(done.reason());
                assertThat(Duration.between(ended, toJson.get(1).at())).as("success told after the end")
                        .isLessThan(Duration.ofSeconds(5));

                await(() -> !good.on("/slack?token=" + TOKEN).isEmpty(), Duration.ofSeconds(10));
                List<Receiver.Received> toSlack = good.on("/slack?token=" + TOKEN);
                assertThat(toSlack).hasSize(1);
                assertThat(JSON.readTree(toSlack.get(0).body()).get("text").asText())
                        .startsWith(":white_check_mark: " + APP + ": deploy v1 (" + repo.head().substring(0, 7) + ") succeeded by ")
                        .endsWith("<http://deployer.test:8080/#/apps/" + APP + "|dashboard>");

                // 500: three tries of each of the two moments (1 s and 4 s apart), then one log line each.
                await(() -> failing.received.size() >= 6, Duration.ofSeconds(30));
                await(() -> deployer.server().output().contains("webhook=global-1"), Duration.ofSeconds(60));
                String log = deployer.server().output();
                assertThat(log).contains("app=" + APP + " webhook=" + refused.id() + " url=http://127.0.0.1/… deployment "
                        + done.id() + " started was not delivered: the receiver answered HTTP 500 (try 3 of 3); given up");
                assertThat(log).contains("webhook=global-1 url=http://127.0.0.1/…");

                answers.add(events.toString());
                answers.add(String.valueOf(admin.get(path, new TypeReference<Object>() {})));
                answers.add(String.valueOf(admin.get("api/audit", new TypeReference<Object>() {})));
                answers.add(String.valueOf(admin.deployment(done.id())));
                assertThat(answers).noneMatch(a -> a.contains(TOKEN));
                assertThat(good.received).noneMatch(r -> r.body().contains(SECRET) || r.body().contains(TOKEN));
                assertThat(log).doesNotContain(TOKEN).doesNotContain(SECRET);
            } finally {
                admin.deleteApp(APP, true);
                LiveDeployer.removeAppFrom(host, APP);
            }
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("within " + timeout.toSeconds() + " s").isTrue();
    }
}
