package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.server.testing.Scp;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement, run with {@code -Dbenchmarks=true}. Compares, on the same three
 * hosts in one run, deployer's rollback and redeploy against a plain scp + ssh + curl script that
 * does the least a deploy must (copy the jar, restart, wait for health), host after host.
 */
@WithTestHosts(3)
class DeployBenchmarkIT {
    private static final int RUNS = 3;
    private static final int PORT = 8094;
    private static final int PLAIN_PORT = 8095;

    @Test
    void deployAgainstAPlainScript(TestHosts hosts) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmarks"), "benchmarks run only with -Dbenchmarks=true");
        for (TestHost host : hosts) {
            LiveDeployer.removeAppFrom(host, "bench");
            host.run("systemctl stop bench-plain.service; rm -rf /opt/plain");
        }
        SampleRepo repo = SampleRepo.create(Files.createTempDirectory("bench-"));
        try (LiveDeployer deployer = LiveDeployer.start(hosts, Map.of())) {
            deployer.createApp(AppRequest.create("bench", hosts.all().stream().map(TestHost::name).toList())
                    .withRepo(repo.url(), "main").withRun(PORT, "-Xmx64m", "/health"));
            String v1 = repo.head();
            assertThat(deploy(deployer, null).status()).isEqualTo("succeeded");
            repo.commitVersion("2", false);
            assertThat(deploy(deployer, null).status()).isEqualTo("succeeded");
            Path jar = Path.of(System.getProperty("java.io.tmpdir"), "bench-plain.jar");
            Path built;
            try (var files = Files.walk(deployer.server().dataDir().resolve("artifacts"))) {
                built = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
            }
            Files.copy(built, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            List<Long> rollbacks = new ArrayList<>();
            List<Long> redeploys = new ArrayList<>();
            List<Long> plain = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                rollbacks.add(timed(() -> check(deployer.admin().follow(deployer.admin().rollback("bench", null, false).id(), e -> { }))));
                redeploys.add(timed(() -> check(deploy(deployer, v1))));
                plain.add(timed(() -> hosts.forEach(host -> plainDeploy(host, jar))));
            }
            String table = "| operation (3 hosts, median of " + RUNS + ") | seconds | vs plain script |\n|---|---|---|\n"
                    + row("plain scp + ssh restart + curl health, host after host", median(plain), median(plain))
                    + row("deployer rollback (no build, no upload; canary then the rest)", median(rollbacks), median(plain))
                    + row("deployer deploy of a built commit (no build; jar already on hosts)", median(redeploys), median(plain));
            System.out.println(table);
            Files.writeString(Path.of("target", "benchmarks-deploy.md"), table);
        }
    }

    private static DeploymentInfo deploy(LiveDeployer deployer, String ref) {
        return deployer.admin().follow(deployer.admin().deploy("bench", ref, false).id(), e -> { });
    }

    private static void check(DeploymentInfo done) {
        if (!Objects.equals(done.status(), "succeeded")) {
            throw new AssertionError(done.reason());
        }
    }

    /** What a hand-written script does: copy, restart as a transient unit, poll health. */
    private static void plainDeploy(TestHost host, Path jar) {
        Scp.copy(host, jar, "/tmp/app.jar");
        host.run("mkdir -p /opt/plain && mv /tmp/app.jar /opt/plain/app.jar && systemctl stop bench-plain.service 2>/dev/null; "
                + "systemctl reset-failed bench-plain.service 2>/dev/null; systemd-run --unit bench-plain -E PORT=" + PLAIN_PORT
                + " /usr/bin/java -Xmx64m -jar /opt/plain/app.jar >/dev/null && "
                + "for i in $(seq 1 300); do curl -sf http://127.0.0.1:" + PLAIN_PORT + "/health >/dev/null && exit 0; sleep 0.2; done; exit 1")
                .orThrow();
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String row(String what, long millis, long plainMillis) {
        return String.format("| %s | %.1f | %.2fx |%n", what, millis / 1000.0, (double) millis / plainMillis);
    }
}
