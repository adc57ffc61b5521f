package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.LiveApp;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A Procfile app (web + worker + release) on three real hosts, zero-downtime: workers, the release phase, scaling. */
@WithTestHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcfileIT {
    private static final String APP = "procs";
    private static final int PORT = 8125;
    private static final String PROCFILE = """
            web: java -Xmx64m -jar app.jar
            worker: sh -c 'while true; do echo tick; sleep 1; done'
            release: sh -c 'echo migrating; echo $SOME_VAR'
            """;

    private static LiveApp live;
    private static SampleRepo repo;
    private static TestHosts hosts;

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        live = LiveApp.start(hosts, APP);
        repo = live.repo();
        commitProcfile(PROCFILE);
        live.create(request -> request.withRun(PORT, "-Xmx64m", "/health"));
        client().changeConfig(APP, Map.of("SOME_VAR", "from-the-release-env"), false);
    }

    @AfterAll
    static void tearDown() {
        if (live != null) {
            live.close();
        }
    }

    private static void commitProcfile(String text) throws Exception {
        Files.writeString(repo.dir().resolve("Procfile"), text);
        repo.git("add", "Procfile");
        repo.git("commit", "-q", "-m", "Procfile");
    }

    private static DeployerClient client() {
        return live.admin();
    }

    private static String state(TestHost host, String unit) {
        return host.run("systemctl is-active " + unit).out().trim();
    }

    @Test
    @Order(1)
    void deployRunsTheReleaseCommandOnceBeforeAnySwitchAndWorkersOnEveryHost() {
        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentInfo done = client().follow(client().deploy(APP, null, false).id(), events::add);

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        List<DeploymentEvent> phase = events.stream().filter(e -> "release-phase".equals(e.step()) && "ok".equals(e.outcome())).toList();
        assertThat(phase).hasSize(1);
        assertThat(events).filteredOn(e -> "release-phase".equals(e.step()) && "output".equals(e.outcome()))
                .extracting(DeploymentEvent::message).containsExactly("migrating", "from-the-release-env");
        int phaseAt = events.indexOf(phase.get(0));
        int firstSwitch = events.stream().filter(e -> "switch".equals(e.step())).mapToInt(events::indexOf).min().orElseThrow();
        assertThat(phaseAt).isLessThan(firstSwitch);
        for (TestHost host : hosts) {
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).as(host.name()).startsWith("hello from hello-service");
            assertThat(state(host, "deployer-procs-worker@1.service")).as(host.name()).isEqualTo("active");
            assertThat(host.run("ps -o user= -C sh").out()).contains("procs");
        }
    }

    @Test
    @Order(2)
    void scalingUpAndDownChangesTheRunningWorkerUnits() {
        DeploymentInfo up = client().follow(client().scale(APP, Map.of("worker", 2), false).id(), e -> {});
        assertThat(up.status()).as(up.reason()).isEqualTo("succeeded");
        assertThat(client().releases(APP).get(0).description()).isEqualTo("scale worker=2");
        for (TestHost host : hosts) {
            assertThat(state(host, "deployer-procs-worker@1.service")).isEqualTo("active");
            assertThat(state(host, "deployer-procs-worker@2.service")).isEqualTo("active");
        }

        DeploymentInfo down = client().follow(client().scale(APP, Map.of("worker", 0), false).id(), e -> {});
        assertThat(down.status()).as(down.reason()).isEqualTo("succeeded");
        for (TestHost host : hosts) {
            assertThat(state(host, "deployer-procs-worker@1.service")).isNotEqualTo("active");
            assertThat(state(host, "deployer-procs-worker@2.service")).isNotEqualTo("active");
        }
    }

    @Test
    @Order(3)
    void aFailingReleaseCommandBlocksTheDeployWithItsOutputAndTheOldReleaseKeepsServing() throws Exception {
        int current = client().status(APP).currentVersion();
        commitProcfile(PROCFILE.replace("release: sh -c 'echo migrating; echo $SOME_VAR'", "release: sh -c 'echo no such table; exit 3'"));

        DeploymentInfo done = client().follow(client().deploy(APP, null, false).id(), e -> {});

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).contains("exited with 3").contains("no such table").contains("nothing was switched");
        assertThat(client().status(APP).currentVersion()).isEqualTo(current);
        for (TestHost host : hosts) {
            assertThat(host.run("readlink /opt/deployer/procs/current").out().trim()).isEqualTo("releases/v" + current);
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).startsWith("hello from hello-service");
        }
    }
}
