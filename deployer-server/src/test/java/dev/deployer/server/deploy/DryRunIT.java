package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.DeployPlan;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.Json;
import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.testing.LiveApp;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code deploy --dry-run} on three real hosts: the plan names what would change, and no host file or record changes. */
@WithTestHosts(3)
class DryRunIT {
    private static final String APP = "dryrun";
    private static final int PORT = 8130;
    private static final String OLD_VALUE = "first-greeting-value";
    private static final String NEW_VALUE = "second-greeting-value";
    private static final String ADDED_VALUE = "added-secret-value";

    private static LiveApp live;
    private static SampleRepo repo;
    private static TestHosts hosts;

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        live = LiveApp.start(hosts, APP);
        repo = live.repo();
        live.create(request -> request.withRun(PORT, "-Xmx64m", "/health").withStrategy("restart"));
    }

    @AfterAll
    static void tearDown() {
        if (live != null) {
            live.close();
        }
    }

    private static DeployerClient client() {
        return live.admin();
    }

    /** sha256 of the unit and env file and where current points, per host: what a dry run must leave as it was. */
    private static Map<String, String> hostFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (TestHost host : hosts) {
            files.put(host.name(), host.run("sha256sum /etc/systemd/system/deployer-" + APP + ".service /etc/deployer/" + APP + ".env"
                    + "; readlink /opt/deployer/" + APP + "/current; ls /opt/deployer/" + APP + "/releases").stdout());
        }
        return files;
    }

    @Test
    void dryRunOfANewCommitNamesTheChangedKeyTheBytesAndTheRestartAndChangesNothing() throws Exception {
        DeploymentInfo first = client().follow(client().deploy(APP, null, false).id(), e -> {});
        assertThat(first.status()).as(first.reason()).isEqualTo("succeeded");
        client().send("PUT", "api/apps/" + APP + "/config", Map.of("GREETING", OLD_VALUE), new TypeReference<Object>() {});
        awaitRelease(2);
        client().send("PUT", "api/apps/" + APP + "/config?restart=false", Map.of("GREETING", NEW_VALUE, "ADDED", ADDED_VALUE),
                new TypeReference<Object>() {});
        String commit = repo.commitVersion("2", false);
        Map<String, String> before = hostFiles();
        List<ReleaseInfo> releasesBefore = client().releases(APP);
        int deploymentsBefore = client().deployments(APP, 100, null).size();

        DeployPlan plan = client().dryRun(APP, null);

        String json = Json.mapper().writeValueAsString(plan);
        assertThat(json).doesNotContain(OLD_VALUE, NEW_VALUE, ADDED_VALUE);
        assertThat(plan.commit()).isEqualTo(commit);
        assertThat(plan.build()).isIn("built", "reused");
        assertThat(plan.release()).isEqualTo("v3");
        assertThat(plan.hosts()).hasSize(3).allSatisfy(host -> {
            assertThat(host.error()).as(host.host()).isNull();
            assertThat(host.current()).isEqualTo("releases/v2");
            assertThat(host.envChanged()).containsExactly("GREETING");
            assertThat(host.envAdded()).containsExactly("ADDED");
            assertThat(host.envRemoved()).isEmpty();
            assertThat(host.unitDiff()).isEmpty();
            assertThat(host.transfer().how()).isIn("patch", "whole-jar");
            if (host.transfer().how().equals("whole-jar")) {
                assertThat(host.transfer().bytes()).isEqualTo(plan.artifactBytes());
            } else {
                assertThat(host.transfer().base()).isEqualTo(2);
            }
            assertThat(host.processes()).containsExactly("restart deployer-" + APP + ".service on port " + PORT
                    + ", then wait for /health to answer");
        });
        assertThat(hostFiles()).isEqualTo(before);
        assertThat(client().releases(APP)).isEqualTo(releasesBefore);
        assertThat(client().deployments(APP, 100, null)).hasSize(deploymentsBefore);
        for (TestHost host : hosts) {
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).as(host.name()).isEqualTo("hello from hello-service 1");
        }
    }

    private static ReleaseInfo awaitRelease(int version) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            List<ReleaseInfo> releases = new ArrayList<>(client().releases(APP));
            if (releases.get(0).version() >= version && !releases.get(0).status().equals("pending")) {
                assertThat(releases.get(0).status()).isEqualTo("succeeded");
                return releases.get(0);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("release v" + version + " did not finish: " + client().releases(APP));
    }
}
