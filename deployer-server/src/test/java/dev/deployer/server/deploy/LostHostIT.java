package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One host's network link cut in the middle of a rollout (its veth on the test bridge set down, as a
 * pulled cable: nothing is closed, nothing arrives): the deployment fails within 20 s naming the host,
 * the reachable hosts go back to v1, and once the link is back the next deploy puts all three right.
 */
@WithTestHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LostHostIT {
    private static final String APP = "losthost";
    private static final int PORT = 8097;

    private static LiveDeployer deployer;
    private static SampleRepo repo;
    private static TestHosts hosts;

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
        deployer = LiveDeployer.start(hosts, Map.of());
        repo = SampleRepo.create(Files.createTempDirectory("losthost-repo-"));
        deployer.createApp(AppRequest.create(APP, hosts.all().stream().map(TestHost::name).toList())
                .withRepo(repo.url(), "main").withRun(PORT, "-Xmx64m", "/health"));
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            deployer.close();
        }
    }

    private static DeployerClient client() {
        return deployer.admin();
    }

    @Test
    @Order(1)
    void v1IsDeployedToAllThreeHosts() {
        DeploymentInfo done = client().follow(client().deploy(APP, null, false).id(), event -> { });

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertEveryHostServes(hosts.all(), "1", "v1");
    }

    @Test
    @Order(2)
    void aHostWhoseLinkIsCutMidRolloutFailsTheDeploymentWithin20SecondsAndTheOthersGoBackToV1() throws Exception {
        repo.commitVersion("2", false);
        TestHost lost = hosts.get(1);
        AtomicLong cutAt = new AtomicLong();
        DeploymentInfo done;
        try {
            // The canary (th1) is healthy on v2: th2 and th3 start their activation now, and th2's link goes.
            done = client().follow(client().deploy(APP, null, false).id(), event -> {
                if (cutAt.get() == 0 && isCanaryHealthy(event)) {
                    setLink(lost, "down");
                    cutAt.set(System.nanoTime());
                }
            });
        } finally {
            setLink(lost, "up");
        }
        Duration cutToEnd = Duration.ofNanos(System.nanoTime() - cutAt.get());
        System.out.println("lost host: link cut to deployment " + done.status() + " in " + cutToEnd.toMillis() + " ms: "
                + done.reason());

        assertThat(cutAt.get()).as("the canary never became healthy: %s", done.reason()).isNotZero();
        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).contains("host " + lost.name()).contains("stopped answering");
        assertThat(cutToEnd).isLessThan(Duration.ofSeconds(20));
        List<TestHost> reachable = hosts.all().stream().filter(h -> !h.equals(lost)).toList();
        assertEveryHostServes(reachable, "1", "v1");
        assertThat(done.hosts()).filteredOn(h -> !h.host().equals(lost.name()))
                .extracting(DeploymentInfo.HostState::state).containsOnly("reverted");
        assertThat(done.hosts()).filteredOn(h -> h.host().equals(lost.name()))
                .extracting(DeploymentInfo.HostState::state).containsOnly("failed");
    }

    @Test
    @Order(3)
    void onceTheLinkIsBackTheNextDeployPutsAllThreeHostsRight() {
        awaitReachable(hosts.get(1));

        DeploymentInfo done = client().follow(client().deploy(APP, null, false).id(), event -> { });

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertThat(done.hosts()).extracting(DeploymentInfo.HostState::state).containsOnly("healthy");
        assertEveryHostServes(hosts.all(), "2", "v3");
    }

    private static boolean isCanaryHealthy(DeploymentEvent event) {
        return hosts.get(0).name().equals(event.host()) && "health".equals(event.step()) && "ok".equals(event.outcome());
    }

    private static void assertEveryHostServes(List<TestHost> which, String version, String release) {
        for (TestHost host : which) {
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).as(host.name())
                    .isEqualTo("hello from hello-service " + version);
            assertThat(host.run("readlink /opt/deployer/" + APP + "/current").out().trim()).as(host.name())
                    .isEqualTo("releases/" + release);
        }
    }

    /** The host-side end of the host's veth pair on the test bridge (see scripts/testhosts: veth_of). */
    private static void setLink(TestHost host, String state) {
        try {
            Process ip = new ProcessBuilder("ip", "link", "set", "dt-" + host.name(), state).redirectErrorStream(true).start();
            String output = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (ip.waitFor() != 0) {
                throw new IllegalStateException("ip link set dt-" + host.name() + " " + state + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ip: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReachable(TestHost host) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (host.run("true").exitCode() == 0) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError(host.name() + " is not reachable again after its link came back");
    }
}
