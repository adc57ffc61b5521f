package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.server.testing.Scp;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement, run with {@code -Dbenchmarks=true}. On the same three hosts in one run,
 * interleaved: deployer's rollback to the release still warm in the other slot (a proxy switch)
 * against what a plain script does to roll back, restart the old jar and poll health, on every
 * host at once. Figures: from the command to every host switched (deployer's "switch" events),
 * to the deployment finished (drain and standby included), and the script's restart-to-healthy.
 */
@WithTestHosts(3)
class RollbackBenchmarkIT {
    private static final String APP = "rbench";
    private static final int RUNS = 5;
    private static final int PORT = 8116;
    private static final int PLAIN_PORT = 8117;

    @Test
    void warmRollbackAgainstAPlainRestart(TestHosts hosts) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmarks"), "benchmarks run only with -Dbenchmarks=true");
        hosts.forEach(host -> {
            LiveDeployer.removeAppFrom(host, APP);
            host.run("systemctl stop rbench-plain.service; rm -rf /opt/rbench-plain");
        });
        SampleRepo repo = SampleRepo.create(Files.createTempDirectory("rbench-"));
        try (LiveDeployer deployer = LiveDeployer.start(hosts, Map.of())) {
            deployer.createApp(AppRequest.create(APP, hosts.all().stream().map(TestHost::name).toList())
                    .withRepo(repo.url(), "main").withRun(PORT, "-Xmx64m", "/health").withSwitching(1, 600));
            check(deployer.admin().follow(deployer.admin().deploy(APP, null, false).id(), e -> { }));
            repo.commitVersion("2", false);
            check(deployer.admin().follow(deployer.admin().deploy(APP, null, false).id(), e -> { }));
            Path jar;
            try (var files = Files.walk(deployer.server().dataDir().resolve("artifacts"))) {
                jar = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
            }
            hosts.forEach(host -> copyPlainJar(host, jar));

            List<Long> switched = new ArrayList<>();
            List<Long> finished = new ArrayList<>();
            List<Long> plain = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                List<DeploymentEvent> events = Collections.synchronizedList(new ArrayList<>());
                Instant asked = Instant.now();
                long start = System.nanoTime();
                DeploymentInfo done = deployer.admin().follow(deployer.admin().rollback(APP, null, false).id(), events::add);
                finished.add((System.nanoTime() - start) / 1_000_000);
                check(done);
                List<Instant> switches = events.stream().filter(e -> "switch".equals(e.step()) && "ok".equals(e.outcome()))
                        .map(DeploymentEvent::at).toList();
                assertThat(switches).as("every host switched, none started a JVM: " + events).hasSize(3);
                assertThat(events).noneMatch(e -> "start".equals(e.step()));
                switched.add(switches.stream().max(Instant::compareTo).orElseThrow().toEpochMilli() - asked.toEpochMilli());

                long plainStart = System.nanoTime();
                CompletableFuture.allOf(hosts.all().stream().map(host -> CompletableFuture.runAsync(() -> plainRestart(host)))
                        .toArray(CompletableFuture[]::new)).join();
                plain.add((System.nanoTime() - plainStart) / 1_000_000);
            }
            String table = "| rollback, 3 hosts (median of " + RUNS + ", range) | seconds | vs plain script |\n|---|---|---|\n"
                    + row("plain script: restart the old jar and poll health, all hosts at once", plain, plain)
                    + row("deployer, to the warm standby: command to every host switched", switched, plain)
                    + row("deployer, to the warm standby: command to deployment done (old slot drained, standby armed)",
                    finished, plain);
            System.out.println(table);
            Files.writeString(Path.of("target", "benchmarks-rollback.md"), table);
        } finally {
            hosts.forEach(host -> {
                LiveDeployer.removeAppFrom(host, APP);
                host.run("systemctl stop rbench-plain.service; rm -rf /opt/rbench-plain");
            });
        }
    }

    private static void check(DeploymentInfo done) {
        if (!"succeeded".equals(done.status())) {
            throw new AssertionError(done.reason());
        }
    }

    private static void copyPlainJar(TestHost host, Path jar) {
        host.run("mkdir -p /opt/rbench-plain").orThrow();
        Scp.copy(host, jar, "/opt/rbench-plain/app.jar");
    }

    /** A script's rollback: the old jar is on the host; stop, start it again, poll health. */
    private static void plainRestart(TestHost host) {
        host.run("systemctl stop rbench-plain.service 2>/dev/null; systemctl reset-failed rbench-plain.service 2>/dev/null; "
                + "systemd-run --unit rbench-plain -E PORT=" + PLAIN_PORT + " /usr/bin/java -Xmx64m -jar /opt/rbench-plain/app.jar"
                + " >/dev/null && for i in $(seq 1 300); do curl -sf http://127.0.0.1:" + PLAIN_PORT
                + "/health >/dev/null && exit 0; sleep 0.1; done; exit 1").orThrow();
    }

    private static String row(String what, List<Long> millis, List<Long> plainMillis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        List<Long> plainSorted = new ArrayList<>(plainMillis);
        Collections.sort(plainSorted);
        long plainMedian = plainSorted.get(plainSorted.size() / 2);
        return String.format("| %s | %.2f (%.2f-%.2f) | %.2fx |%n", what, median / 1000.0, sorted.get(0) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0, (double) median / plainMedian);
    }
}
