package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.PreflightCheck;
import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.testing.LiveApp;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delta transfer on three real hosts: v1 of a sample app with 64 MiB of ballast goes whole, v2 (one line changed)
 * goes as a zstd patch against v1 that each host rebuilds, checks and serves.
 */
@WithTestHosts(3)
class DeltaTransferIT {
    private static final String APP = "delta";
    private static final int PORT = 8118;
    private static final Pattern PATCH = Pattern.compile("^patch of ([0-9.]+) (bytes|KiB|MiB) against v1 \\(([0-9.]+) % of ([0-9.]+) MiB\\)");

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

    @Test
    void aOneLineChangeOfASixtyFourMebibyteJarSendsEachHostAPatchOfUnderOnePercent() throws Exception {
        PreflightCheck zstd = live.admin().checkHost(hosts.all().get(0).name(), null, null).checks().stream()
                .filter(check -> check.name().equals("zstd")).findFirst().orElseThrow();
        assertThat(zstd.detail()).as("the base image's zstd").contains("v1.5");

        repo.commitBallast(64);
        List<DeploymentEvent> first = deploy();
        assertThat(artifactEvents(first)).hasSize(3).allSatisfy(e -> assertThat(e.message())
                .startsWith("uploaded 64 MiB (no earlier release on host)"));

        repo.commitVersion("2", false);
        List<DeploymentEvent> second = deploy();

        ReleaseInfo v2 = live.admin().releases(APP).stream().filter(r -> r.version() == 2).findFirst().orElseThrow();
        for (DeploymentEvent event : artifactEvents(second)) {
            Matcher patch = PATCH.matcher(event.message());
            assertThat(patch.find()).as(event.message()).isTrue();
            assertThat(Double.parseDouble(patch.group(3))).as(event.message()).isLessThan(1.0);
            assertThat(event.message()).endsWith("sha256 verified on host");
            System.out.printf("%s: %s in %d ms (whole jar in v1: %d ms)%n", event.host(), event.message(), event.durationMs(),
                    artifactEvents(first).stream().filter(e -> e.host().equals(event.host())).findFirst().orElseThrow().durationMs());
        }
        for (TestHost host : hosts) {
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).as(host.name()).isEqualTo("hello from hello-service 2");
            assertThat(host.run("sha256sum /opt/deployer/delta/releases/v2/app.jar").out()).startsWith(v2.artifactSha256());
            assertThat(host.run("stat -c '%U:%G %a' /opt/deployer/delta/releases/v2/app.jar").out().trim()).isEqualTo("root:root 644");
            assertThat(host.run("ls -A /opt/deployer/delta/releases/v2").out().trim()).as("no temp file is left")
                    .isEqualTo("app.jar\napp.jar.sha256");
            assertThat(host.run("cat /opt/deployer/delta/releases/v2/app.jar.sha256").out().trim()).as("the sum file names the jar")
                    .isEqualTo(v2.artifactSha256());
        }
    }

    private static List<DeploymentEvent> deploy() {
        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentInfo done = live.admin().follow(live.admin().deploy(APP, null, false).id(), events::add);
        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        return events;
    }

    private static List<DeploymentEvent> artifactEvents(List<DeploymentEvent> events) {
        return events.stream().filter(e -> "artifact".equals(e.step()) && "ok".equals(e.outcome())).toList();
    }
}
