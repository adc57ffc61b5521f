package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.ApiException;
import dev.deployer.api.AppRequest;
import dev.deployer.api.AppStatus;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The heart of the product on three real hosts: deploy, a failing deploy reverted, rollback, config, concurrency, crash. */
@WithTestHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployIT {
    private static final String APP = "hello";
    private static final int PORT = 8090;

    private static LiveDeployer deployer;
    private static SampleRepo repo;
    private static TestHosts hosts;

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
        deployer = LiveDeployer.start(hosts, Map.of());
        repo = SampleRepo.create(Files.createTempDirectory("hello-repo-"));
        deployer.createApp(AppRequest.create(APP, hosts.all().stream().map(TestHost::name).toList())
                .withRepo(repo.url(), "main").withRun(PORT, "-Xmx64m", "/health")
                // The restart strategy's proof on real hosts; ZeroDowntimeIT proves the slots.
                .withStrategy("restart"));
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

    private static DeploymentInfo follow(DeploymentInfo started, List<DeploymentEvent> events) {
        return client().follow(started.id(), events::add);
    }

    private static void assertEveryHostServes(String expected) {
        for (TestHost host : hosts) {
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).as(host.name()).isEqualTo(expected);
        }
    }

    @Test
    @Order(1)
    void firstDeployMakesV1CurrentAndServingOnEveryHost() {
        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentInfo done = follow(client().deploy(APP, null, false), events);

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertThat(done.version()).isEqualTo(1);
        assertThat(done.hosts()).extracting(DeploymentInfo.HostState::state).containsOnly("healthy");
        assertThat(events).anyMatch(e -> e.outcome().equals("output"));
        assertEveryHostServes("hello from hello-service 1");
        for (TestHost host : hosts) {
            assertThat(host.run("readlink /opt/deployer/hello/current").out().trim()).isEqualTo("releases/v1");
            assertThat(host.run("stat -c '%U:%G %a' /etc/deployer/hello.env").out().trim()).isEqualTo("root:root 600");
            assertThat(host.run("ps -o user= -C java").out()).contains("hello");
        }
        AppStatus status = client().status(APP);
        assertThat(status.currentVersion()).isEqualTo(1);
        assertThat(status.hosts()).allSatisfy(h -> {
            assertThat(h.activeState()).isEqualTo("active");
            assertThat(h.version()).isEqualTo(1);
            assertThat(h.drift()).isFalse();
        });
    }

    @Test
    @Order(2)
    void deployThatFailsItsHealthCheckLeavesEveryHostOnV1() throws Exception {
        repo.commitVersion("2", true);
        DeploymentInfo done = follow(client().deploy(APP, null, false), new ArrayList<>());

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).contains("health");
        assertEveryHostServes("hello from hello-service 1");
        for (TestHost host : hosts) {
            assertThat(host.run("readlink /opt/deployer/hello/current").out().trim()).isEqualTo("releases/v1");
        }
        List<ReleaseInfo> releases = client().releases(APP);
        assertThat(releases.get(0).version()).isEqualTo(2);
        assertThat(releases.get(0).status()).isEqualTo("failed");
        assertThat(releases).filteredOn(ReleaseInfo::current).extracting(ReleaseInfo::version).containsExactly(1);
    }

    @Test
    @Order(3)
    void rollbackUploadsNothingWhenTheArtifactIsOnTheHosts() throws Exception {
        repo.commitVersion("3", false);
        assertThat(follow(client().deploy(APP, null, false), new ArrayList<>()).status()).isEqualTo("succeeded");
        assertEveryHostServes("hello from hello-service 3");

        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentInfo done = follow(client().rollback(APP, null, false), events);

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertThat(done.version()).isEqualTo(4);
        assertThat(done.reason()).contains("artifact uploaded to 0");
        assertThat(events).filteredOn(e -> e.step().equals("artifact") && e.outcome().equals("ok"))
                .hasSize(3).allSatisfy(e -> assertThat(e.message()).contains("nothing uploaded"));
        assertThat(events).noneMatch(e -> e.step().equals("build"));
        assertEveryHostServes("hello from hello-service 1");
        assertThat(client().releases(APP).get(0).description()).isEqualTo("rollback to v1");
    }

    @Test
    @Order(4)
    void configChangeRestartsTheAppWithTheNewValue() throws Exception {
        String value = "it's \"$HOME\" #not-a-comment = \\ ";
        client().send("PUT", "api/apps/" + APP + "/config", Map.of("GREETING", value), new TypeReference<Object>() {});

        ReleaseInfo latest = awaitRelease(5);
        assertThat(latest.status()).isEqualTo("succeeded");
        for (TestHost host : hosts) {
            // stdout, not out(): out() strips the trailing space the value must keep
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/env/GREETING").stdout()).isEqualTo(value);
        }
    }

    @Test
    @Order(5)
    void secondDeployOfTheSameAppIsRefusedOrQueued() {
        DeploymentInfo first = client().deploy(APP, null, false);
        assertThatThrownBy(() -> client().deploy(APP, null, false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("deployment " + first.id());
                });
        DeploymentInfo queued = client().deploy(APP, null, true);

        assertThat(follow(first, new ArrayList<>()).status()).isEqualTo("succeeded");
        assertThat(follow(queued, new ArrayList<>()).status()).isEqualTo("succeeded");
    }

    @Test
    @Order(7)
    void serverKilledMidDeployMarksItInterruptedAndTheNextDeploySucceeds() throws Exception {
        repo.commitVersion("7", false);
        DeploymentInfo started = client().deploy(APP, null, false);
        awaitStatus(started.id(), "deploying");
        Path data = deployer.server().dataDir();
        int before = client().releases(APP).size();
        deployer.server().kill();

        try (var restarted = dev.deployer.server.testing.ServerProcess.start(data,
                Map.of("DEPLOYER_MAVEN_REPO", Path.of(System.getProperty("user.home"), ".m2", "repository").toString()))) {
            DeployerClient again = restarted.adminClient();
            assertThat(again.deployment(started.id()).status()).isEqualTo("interrupted");
            assertThat(again.releases(APP)).hasSize(before);
            DeploymentInfo next = again.follow(again.deploy(APP, null, false).id(), e -> { });
            assertThat(next.status()).as(next.reason()).isEqualTo("succeeded");
            for (TestHost host : hosts) {
                assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).isEqualTo("hello from hello-service 7");
            }
            assertThat(again.status(APP).hosts()).noneMatch(AppStatus.HostStatus::drift);
        }
    }

    @Test
    @Order(6)
    void cliFollowsARollbackAndReportsHistoryAndStatus() throws Exception {
        Map<String, String> env = Map.of("DEPLOYER_URL", deployer.server().url(), "DEPLOYER_TOKEN", deployer.server().adminToken());
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        dev.deployer.cli.DeployerCli.Environment cliEnv = new dev.deployer.cli.DeployerCli.Environment(env,
                Files.createTempDirectory("cli-").resolve("config.json"));

        int rollback = dev.deployer.cli.DeployerCli.run(cliEnv, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "rollback", APP, "v3");
        assertThat(rollback).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("artifact").contains("done: v");
        assertEveryHostServes("hello from hello-service 3");

        int missing = dev.deployer.cli.DeployerCli.run(cliEnv, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "rollback", APP, "v999");
        assertThat(missing).isEqualTo(2);
        assertThat(err.toString()).contains("no release v999");
    }

    private static ReleaseInfo awaitRelease(int version) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            List<ReleaseInfo> releases = client().releases(APP);
            if (releases.get(0).version() >= version && !releases.get(0).status().equals("pending")) {
                return releases.get(0);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("release v" + version + " did not finish: " + client().releases(APP));
    }

    private static void awaitStatus(long id, String status) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (client().deployment(id).status().equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deployment " + id + " never reached " + status + ": " + client().deployment(id));
    }
}
