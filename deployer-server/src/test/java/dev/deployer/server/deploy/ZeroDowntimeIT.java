package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.AppStatus;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.RequestLoop;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Zero-downtime on three real hosts, each with the app behind HAProxy in two slots. A request
 * loop (20 a second against the app's port on every host, each on a new connection) runs across
 * every step: a deploy, a rollback to the warm standby, a rollback once the standby is gone, and a
 * deploy whose new release fails its health check. Not one request may fail.
 */
@WithTestHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZeroDowntimeIT {
    private static final String APP = "zdt";
    private static final int PORT = 8115;
    private static final int RATE = 20;

    private static LiveDeployer deployer;
    private static SampleRepo repo;
    private static TestHosts hosts;

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
        deployer = LiveDeployer.start(hosts, Map.of());
        repo = SampleRepo.create(Files.createTempDirectory("zdt-repo-"));
        // The default strategy of a new app: nothing to set.
        deployer.createApp(AppRequest.create(APP, hosts.all().stream().map(TestHost::name).toList())
                .withRepo(repo.url(), "main").withRun(PORT, "-Xmx64m", "/health").withSwitching(3, 600));
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            deployer.close();
        }
        if (hosts != null) {
            hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
        }
    }

    private static DeployerClient client() {
        return deployer.admin();
    }

    private static List<String> urls() {
        return hosts.all().stream().map(h -> "http://" + h.address() + ":" + PORT + "/").toList();
    }

    /** Runs {@code step} with the request loop going from before it starts until after it ends. */
    private static DeploymentInfo underLoad(Supplier<DeploymentInfo> step, List<DeploymentEvent> events) throws Exception {
        RequestLoop loop = RequestLoop.start(urls(), RATE);
        DeploymentInfo done;
        try {
            Thread.sleep(1000);
            done = client().follow(step.get().id(), events::add);
            Thread.sleep(1000);
        } finally {
            loop.close();
        }
        assertThat(loop.sent()).as("requests sent").isGreaterThan(3 * RATE);
        assertThat(loop.failed()).as(loop.toString()).isZero();
        lastLoop = loop;
        return done;
    }

    private static RequestLoop lastLoop;

    private static void assertEveryHostServes(String expected) {
        for (TestHost host : hosts) {
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).as(host.name()).isEqualTo(expected);
        }
    }

    private static Map<String, String> slotPids(String slot) {
        Map<String, String> pids = new HashMap<>();
        for (TestHost host : hosts) {
            pids.put(host.name(), host.run("systemctl show -p MainPID --value deployer-" + APP + "@" + slot + ".service").out().trim());
        }
        return pids;
    }

    @Test
    @Order(1)
    void firstDeployPutsV1LiveInSlotABehindTheProxyOnEveryHost() {
        DeploymentInfo done = client().follow(client().deploy(APP, null, false).id(), e -> { });

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertEveryHostServes("hello from hello-service 1");
        for (TestHost host : hosts) {
            assertThat(host.run("systemctl is-active deployer-" + APP + "@proxy.service").out().trim()).isEqualTo("active");
            assertThat(host.run("systemctl is-active deployer-" + APP + "@a.service").out().trim()).isEqualTo("active");
        }
        AppStatus status = client().status(APP);
        assertThat(status.hosts()).allSatisfy(h -> {
            assertThat(h.drift()).as(h.host()).isFalse();
            assertThat(h.slots()).as(h.host()).isNotNull();
            assertThat(h.slots().live()).isEqualTo("a");
            assertThat(h.slots().liveVersion()).isEqualTo(1);
            assertThat(h.slots().standby()).isNull();
        });
    }

    @Test
    @Order(2)
    void deployUnderLoadFailsNoRequestAndKeepsTheOldSlotWarm() throws Exception {
        repo.commitVersion("2", false);
        DeploymentInfo done = underLoad(() -> client().deploy(APP, null, false), new ArrayList<>());

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertEveryHostServes("hello from hello-service 2");
        assertThat(lastLoop.bodies()).allSatisfy((url, bodies) ->
                assertThat(bodies).as(url).containsExactly("hello from hello-service 1", "hello from hello-service 2"));
        Instant afterDeploy = Instant.now();
        assertThat(client().status(APP).hosts()).allSatisfy(h -> {
            assertThat(h.slots().live()).as(h.host()).isEqualTo("b");
            assertThat(h.slots().liveVersion()).isEqualTo(2);
            assertThat(h.slots().standby()).isEqualTo("a");
            assertThat(h.slots().standbyVersion()).isEqualTo(1);
            assertThat(h.slots().standbyUntil()).isBetween(afterDeploy.plusSeconds(500), afterDeploy.plusSeconds(620));
        });
    }

    @Test
    @Order(3)
    void rollbackToTheWarmStandbyOnlySwitchesTheProxy() throws Exception {
        Map<String, String> before = slotPids("a");
        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentInfo done = underLoad(() -> client().rollback(APP, 1, false), events);

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertEveryHostServes("hello from hello-service 1");
        assertThat(slotPids("a")).as("no JVM started: slot a's processes are the ones that served v1").isEqualTo(before);
        assertThat(events).noneMatch(e -> e.step().equals("artifact") && e.message() != null && e.message().contains("uploaded ")
                && !e.message().contains("nothing uploaded"));
        assertThat(events).noneMatch(e -> e.step().equals("start") || e.step().equals("health"));
        assertThat(client().status(APP).hosts()).allSatisfy(h -> {
            assertThat(h.drift()).as(h.host()).isFalse();
            assertThat(h.slots().live()).isEqualTo("a");
            assertThat(h.slots().standby()).as("v2 stays warm for a roll forward").isEqualTo("b");
        });
    }

    @Test
    @Order(4)
    void onceTheStandbyWindowEndsTheOldSlotStopsAndARollbackStartsItAgainWithoutDowntime() throws Exception {
        client().updateApp(APP, AppRequest.empty().withSwitching(3, 5));
        repo.commitVersion("4", false);
        assertThat(client().follow(client().deploy(APP, null, false).id(), e -> { }).status()).isEqualTo("succeeded");
        awaitNoStandby(Duration.ofSeconds(60));
        for (TestHost host : hosts) {
            // The host's own timer stopped it; a JVM takes a moment to go from deactivating to inactive.
            assertThat(host.run("for i in $(seq 1 100); do s=$(systemctl is-active deployer-" + APP + "@a.service); "
                    + "[ \"$s\" = inactive ] || [ \"$s\" = failed ] && break; sleep 0.2; done; echo $s").out().trim())
                    .as(host.name()).isIn("inactive", "failed");
        }

        DeploymentInfo done = underLoad(() -> client().rollback(APP, null, false), new ArrayList<>());

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertEveryHostServes("hello from hello-service 1");
    }

    @Test
    @Order(5)
    void aNewReleaseThatFailsItsHealthCheckNeverGetsTrafficAndIsStopped() throws Exception {
        String liveBefore = client().status(APP).hosts().get(0).slots().live();
        repo.commitVersion("5", true);
        DeploymentInfo done = underLoad(() -> client().deploy(APP, null, false), new ArrayList<>());

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).contains("health");
        assertEveryHostServes("hello from hello-service 1");
        assertThat(lastLoop.bodies()).allSatisfy((url, bodies) ->
                assertThat(bodies).as(url).containsExactly("hello from hello-service 1"));
        String idle = liveBefore.equals("a") ? "b" : "a";
        for (TestHost host : hosts) {
            assertThat(host.run("systemctl is-active deployer-" + APP + "@" + idle + ".service").out().trim()).as(host.name())
                    .isIn("inactive", "failed");
        }
        assertThat(client().status(APP).hosts()).allSatisfy(h -> assertThat(h.slots().live()).isEqualTo(liveBefore));
    }

    private static void awaitNoStandby(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (client().status(APP).hosts().stream().allMatch(h -> h.slots() != null && h.slots().standby() == null)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the standby was not stopped within " + limit + ": " + client().status(APP));
    }
}
