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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a measurement, run with {@code -Dbenchmarks=true} (see docs/benchmarks.md). On the same hosts in one
 * run, interleaved round by round: deployer's deploy of a one-line change and its rollback, with and without the
 * canary, against a plain script (scp + ssh restart + health poll, all hosts in parallel). Two fixtures: the sample app
 * with 64 MiB of incompressible ballast (the size of a Spring Boot fat jar) and a real Spring Boot web app with actuator
 * built from Maven Central. A deploy is timed from the end of its build (the script builds nothing) to its end;
 * bytes per host come from the artifact events; server CPU is the server process's own user + sys time over the whole
 * deployment, read from /proc (its children, Maven and zstd, apart).
 */
@WithTestHosts(3)
class DeployFloorBenchmarkIT {
    private static final int ROUNDS = 3;
    private static final int PORT = 8127;
    private static final int PLAIN_PORT = 8128;
    private static final int FAN1_PORT = 8131;
    private static final int FAN10_PORT = 8132;
    private static final int MEM1_PORT = 8133;
    private static final int MEM10_PORT = 8134;
    private static final int HEAP_MIB = 256;
    /** Each round commits and deploys by itself: the repo watcher's own poll would race it for the app (a day apart, never here). */
    private static final Map<String, String> NO_POLLING = Map.of(dev.deployer.server.settings.Settings.POLL_INTERVAL, "86400");
    private static final Pattern SENT = Pattern.compile("^(uploaded|patch of) ([0-9.]+) (bytes|KiB|MiB)");

    private record Fixture(String app, String name, SampleRepo repo, String healthPath, String source, String javaOptions) {}

    private record Run(long millis, double cpuSeconds, double childCpuSeconds, List<String> sent) {}

    @Test
    void threeHostsAgainstAPlainScript(TestHosts hosts) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmarks"), "benchmarks run only with -Dbenchmarks=true");
        StringBuilder report = new StringBuilder();
        try (LiveDeployer deployer = LiveDeployer.start(hosts, NO_POLLING)) {
            String only = System.getProperty("benchmarks.fixture", "");
            for (Fixture fixture : List.of(ballast(), springBoot())) {
                if (!only.isEmpty() && !fixture.app().equals(only)) {
                    continue;
                }
                String section = measure(deployer, hosts.all(), fixture);
                System.out.println(section);
                report.append(section);
                Files.writeString(Path.of("target", "benchmarks-deploy.md"), report);
            }
        }
    }

    @Test
    @WithTestHosts(10)
    void fanOutToTenHostsAgainstOne(TestHosts hosts) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmarks"), "benchmarks run only with -Dbenchmarks=true");
        List<TestHost> all = hosts.all().subList(0, 10);
        StringBuilder report = new StringBuilder("| fan-out, sample app, restart (median of " + ROUNDS + ", range) | seconds | vs 1 host |\n"
                + "|---|---|---|\n");
        try (LiveDeployer deployer = LiveDeployer.start(hosts, NO_POLLING)) {
            SampleRepo repo = SampleRepo.create(Files.createTempDirectory("fanout-"));
            removeApps(all, "fan1", "fan10");
            try {
                create(deployer, "fan1", List.of(all.get(0)), repo.url(), "/health", "-Xmx48m", true, FAN1_PORT);
                create(deployer, "fan10", all, repo.url(), "/health", "-Xmx48m", false, FAN10_PORT);
                for (String app : List.of("fan1", "fan10")) {
                    check(follow(deployer, app, deployer.admin().deploy(app, null, false).id()).info());
                }
                List<Long> one = new ArrayList<>();
                List<Long> ten = new ArrayList<>();
                List<Long> plainOne = new ArrayList<>();
                List<Long> plainTen = new ArrayList<>();
                Fixture sample = new Fixture("fan", "sample app", repo, "/health", "", "-Xmx48m");
                Path jar = Files.createTempFile("fan-plain-", ".jar");
                for (int i = 0; i < ROUNDS; i++) {
                    repo.commitVersion("fan" + i, false);
                    one.add(deploy(deployer, "fan1").millis());
                    ten.add(deploy(deployer, "fan10").millis());
                    // The plain script on the same hosts, the same jar: what the machine itself does with 1 and 10 hosts.
                    Files.copy(newestJar(deployer), jar, StandardCopyOption.REPLACE_EXISTING);
                    plainOne.add(plain(all.subList(0, 1), host -> plainDeploy(host, jar, sample)));
                    plainTen.add(plain(all, host -> plainDeploy(host, jar, sample)));
                }
                report.append(row("deployer: deploy of a one-line change, 1 host", one, median(one)))
                        .append(row("deployer: the same to 10 hosts (no canary: all 10 at once)", ten, median(one)))
                        .append(row("plain script (scp + ssh restart + health poll), 1 host", plainOne, median(plainOne)))
                        .append(row("plain script, 10 hosts in parallel", plainTen, median(plainOne)));
            } finally {
                removeApps(all, "fan1", "fan10");
                for (TestHost host : all) {
                    host.run("systemctl stop floor-plain.service; rm -rf /opt/floor-plain");
                }
            }
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmarks-fanout.md"), report);
    }

    /**
     * Memory flat in the number of hosts: a cold deploy of the 64 MiB jar to 1 host, then to 10 at once (640 MiB on the
     * wire), by a server whose heap is capped at 256 MiB: a whole jar per host in memory could not fit. The server's
     * peak resident memory (VmHWM) is read after each.
     */
    @Test
    @WithTestHosts(10)
    void memoryStaysFlatFromOneHostToTen(TestHosts hosts) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmarks"), "benchmarks run only with -Dbenchmarks=true");
        List<TestHost> all = hosts.all().subList(0, 10);
        Map<String, String> env = new java.util.HashMap<>(NO_POLLING);
        env.put("JAVA_TOOL_OPTIONS", "-Xmx" + HEAP_MIB + "m");
        StringBuilder report = new StringBuilder("| cold deploy of the 64 MiB jar, server heap capped at " + HEAP_MIB
                + " MiB | seconds | sent | server peak RSS (VmHWM) after it |\n|---|---|---|---|\n");
        try (LiveDeployer deployer = LiveDeployer.start(hosts, env)) {
            SampleRepo repo = SampleRepo.create(Files.createTempDirectory("memory-"));
            repo.commitBallast(64);
            removeApps(all, "mem1", "mem10");
            try {
                create(deployer, "mem1", List.of(all.get(0)), repo.url(), "/health", "-Xmx64m", false, MEM1_PORT);
                create(deployer, "mem10", all, repo.url(), "/health", "-Xmx64m", false, MEM10_PORT);
                for (String app : List.of("mem1", "mem10")) {
                    Run run = deploy(deployer, app);
                    report.append("| ").append(app.equals("mem1") ? "1 host" : "10 hosts at once").append(" | ")
                            .append(seconds(run.millis())).append(" | ").append(run.sent().size()).append(" x ")
                            .append(run.sent().get(0)).append(" | ").append(peakRssMib(deployer.server().pid())).append(" MiB |\n");
                }
            } finally {
                removeApps(all, "mem1", "mem10");
            }
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmarks-memory.md"), report);
    }

    /** Whatever an earlier run left of {@code apps} on every host. */
    private static void removeApps(List<TestHost> hosts, String... apps) {
        for (TestHost host : hosts) {
            for (String app : apps) {
                LiveDeployer.removeAppFrom(host, app);
            }
        }
    }

    /** The process's peak resident set so far, from /proc (VmHWM, in kB). */
    private static long peakRssMib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
    }

    private String measure(LiveDeployer deployer, List<TestHost> hosts, Fixture fixture) throws Exception {
        for (TestHost host : hosts) {
            LiveDeployer.removeAppFrom(host, fixture.app());
            host.run("systemctl stop floor-plain.service; systemctl reset-failed floor-plain.service; rm -rf /opt/floor-plain");
        }
        create(deployer, fixture.app(), hosts, fixture.repo().url(), fixture.healthPath(), fixture.javaOptions(), true, PORT);
        Run cold = deploy(deployer, fixture.app());
        List<Long> plainDeploys = new ArrayList<>();
        List<Long> plainRollbacks = new ArrayList<>();
        List<Long> canaryDeploys = new ArrayList<>();
        List<Long> openDeploys = new ArrayList<>();
        List<Long> rollbacks = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> childCpu = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        Path jar = Files.createTempFile("floor-plain-", ".jar");
        plain(hosts, host -> plainDeploy(host, newestJar(deployer), fixture));
        int version = 2;
        for (int i = 0; i < ROUNDS; i++) {
            for (boolean canary : List.of(true, false)) {
                deployer.admin().updateApp(fixture.app(), AppRequest.empty().withCanary(canary));
                commitChange(fixture, version++);
                Run run = deploy(deployer, fixture.app());
                (canary ? canaryDeploys : openDeploys).add(run.millis());
                cpu.add(run.cpuSeconds());
                childCpu.add(run.childCpuSeconds());
                sent.addAll(run.sent());
                Files.copy(newestJar(deployer), jar, StandardCopyOption.REPLACE_EXISTING);
                plainDeploys.add(plain(hosts, host -> plainDeploy(host, jar, fixture)));
            }
            Instant asked = Instant.now();
            List<DeploymentEvent> rollbackEvents = Collections.synchronizedList(new ArrayList<>());
            rollbacks.add(timed(() -> check(deployer.admin().follow(deployer.admin().rollback(fixture.app(), null, false).id(),
                    rollbackEvents::add))));
            if (Boolean.getBoolean("benchmarks.timeline")) {
                timeline(fixture.app() + " (rollback)", asked, List.copyOf(rollbackEvents));
            }
            plainRollbacks.add(plain(hosts, host -> plainRollback(host, fixture)));
        }
        long jarBytes = Files.size(jar);
        for (TestHost host : hosts) {
            LiveDeployer.removeAppFrom(host, fixture.app());
            host.run("systemctl stop floor-plain.service; rm -rf /opt/floor-plain");
        }
        long plainDeploy = median(plainDeploys);
        return "### " + fixture.name() + " (jar " + String.format("%.1f", jarBytes / 1048576.0) + " MiB), 3 hosts, strategy restart\n\n"
                + "| operation (median of " + ROUNDS + " rounds, range) | seconds | vs plain script |\n|---|---|---|\n"
                + row("plain script: scp the jar + ssh restart + health poll, all hosts in parallel", plainDeploys, plainDeploy)
                + row("deployer: deploy of a one-line change, canary first (from build done)", canaryDeploys, plainDeploy)
                + row("deployer: the same without a canary (--no-canary)", openDeploys, plainDeploy)
                + row("plain script: rollback (restart the old jar, poll health), all hosts in parallel", plainRollbacks, median(plainRollbacks))
                + row("deployer: rollback (canary per the last setting: off)", rollbacks, median(plainRollbacks))
                + "\nCold first deploy (whole jar to every host), from build done: " + seconds(cold.millis()) + " s; sent per host: "
                + String.join(", ", cold.sent()) + ".\n"
                + "Sent per host for each one-line change: " + String.join(", ", new java.util.LinkedHashSet<>(sent)) + ".\n"
                + "Server CPU per deploy (its own user + sys, build orchestration included): median "
                + String.format("%.2f", medianD(cpu)) + " s, max " + String.format("%.2f", Collections.max(cpu)) + " s; its children"
                + " (Maven, zstd) per deploy: median " + String.format("%.2f", medianD(childCpu)) + " s.\n\n";
    }

    private Run deploy(LiveDeployer deployer, String app) {
        long pid = deployer.server().pid();
        Map<String, Long> threadsBefore = threadTicks(pid);
        double[] before = cpuSeconds(pid);
        Followed followed = follow(deployer, app, deployer.admin().deploy(app, null, false).id());
        double[] after = cpuSeconds(pid);
        if (Boolean.getBoolean("benchmarks.timeline")) {
            Map<String, Long> threadsAfter = threadTicks(pid);
            System.out.println("server CPU by thread (ms): " + threadsAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), (e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)) * 10))
                    .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        check(followed.info());
        Instant built = followed.events().stream().filter(e -> "build".equals(e.step()) && "ok".equals(e.outcome()))
                .map(DeploymentEvent::at).findFirst()
                .orElse(followed.events().get(0).at());
        Instant done = followed.events().stream().filter(e -> "finished".equals(e.step())).map(DeploymentEvent::at).findFirst()
                .orElseThrow();
        List<String> sent = followed.events().stream().filter(e -> "artifact".equals(e.step()) && "ok".equals(e.outcome()))
                .map(e -> {
                    Matcher m = SENT.matcher(e.message());
                    return m.find() ? m.group(2) + " " + m.group(3) + (m.group(1).equals("patch of") ? " (patch)" : " (whole jar)")
                            : "0 (" + e.message() + ")";
                }).toList();
        if (Boolean.getBoolean("benchmarks.timeline")) {
            timeline(app, built, followed.events());
        }
        return new Run(Duration.between(built, done).toMillis(), after[0] - before[0], after[1] - before[1], sent);
    }

    /** With -Dbenchmarks.timeline=true: each step's start and end in ms after {@code from}, to see where the time goes. */
    private static void timeline(String app, Instant from, List<DeploymentEvent> events) {
        StringBuilder out = new StringBuilder("timeline of a deploy of " + app + " (ms after the build ended: start-end step host)\n");
        for (DeploymentEvent e : events) {
            if (e.at().isBefore(from) || "output".equals(e.outcome())) {
                continue;
            }
            long end = Duration.between(from, e.at()).toMillis();
            long took = e.durationMs() == null ? 0 : e.durationMs();
            out.append(String.format("  %6d-%6d %-10s %-6s %s%n", end - took, end, e.step(), e.host() == null ? "" : e.host(),
                    e.outcome() + " " + (e.message() == null ? "" : e.message().lines().findFirst().orElse(""))));
        }
        System.out.println(out);
    }

    private record Followed(DeploymentInfo info, List<DeploymentEvent> events) {}

    private static Followed follow(LiveDeployer deployer, String app, long id) {
        List<DeploymentEvent> events = Collections.synchronizedList(new ArrayList<>());
        DeploymentInfo info = deployer.admin().follow(id, events::add);
        return new Followed(info, List.copyOf(events));
    }

    /** utime + stime of each thread of {@code pid}, in ticks, summed by thread name with digits dropped. */
    private static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** utime + stime and cutime + cstime of {@code pid}, in seconds (USER_HZ is 100 on Linux). */
    private static double[] cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state is field 3, so utime (14) is index 11, stime 12, cutime 13, cstime 14.
            return new double[] {(Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0,
                    (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void create(LiveDeployer deployer, String name, List<TestHost> hosts, String repo, String health,
            String javaOptions, boolean canary, int port) {
        deployer.createApp(AppRequest.create(name, hosts.stream().map(TestHost::name).toList())
                .withRepo(repo, "main").withRun(port, javaOptions, health).withStrategy(AppRequest.RESTART).withCanary(canary));
    }

    private static void commitChange(Fixture fixture, int version) throws IOException {
        Path source = fixture.repo().dir().resolve(fixture.source());
        String text = Files.readString(source, StandardCharsets.UTF_8)
                .replaceFirst("static final String VERSION = \"[^\"]*\";", "static final String VERSION = \"" + version + "\";");
        Files.writeString(source, text, StandardCharsets.UTF_8);
        fixture.repo().git("commit", "-q", "-am", "version " + version);
    }

    private static Fixture ballast() throws IOException {
        SampleRepo repo = SampleRepo.create(Files.createTempDirectory("floor-ballast-"));
        repo.commitBallast(64);
        return new Fixture("floor", "sample app with 64 MiB ballast", repo, "/health",
                "src/main/java/dev/deployer/examples/hello/HelloService.java", "-Xmx64m");
    }

    private static Fixture springBoot() throws IOException {
        Path dir = Files.createTempDirectory("floor-spring-");
        Path fixture = SampleRepo.repoRoot().resolve("deployer-server/src/test/resources/benchmark-fixtures/spring-hello");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(fixture.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        SampleRepo repo = SampleRepo.open(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.email", "dev@example.test");
        repo.git("config", "user.name", "Dev");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "spring-hello 1");
        return new Fixture("floorsb", "Spring Boot 3.5.7 web app with actuator", repo, "/actuator/health",
                "src/main/java/dev/deployer/examples/spring/SpringHello.java", "-Xmx128m");
    }

    private static Path newestJar(LiveDeployer deployer) {
        try (Stream<Path> files = Files.walk(deployer.server().dataDir().resolve("artifacts"))) {
            return files.filter(f -> f.toString().endsWith(".jar"))
                    .max(java.util.Comparator.comparing(f -> f.toFile().lastModified())).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code step} on every host at once; the time until the last one finished. */
    private static long plain(List<TestHost> hosts, java.util.function.Consumer<TestHost> step) {
        return timed(() -> CompletableFuture.allOf(hosts.stream().map(host -> CompletableFuture.runAsync(() -> step.accept(host)))
                .toArray(CompletableFuture[]::new)).join());
    }

    /** What a hand-written script does: copy the jar, keep the old one, restart as a transient unit, poll health. */
    private static void plainDeploy(TestHost host, Path jar, Fixture fixture) {
        Scp.copy(host, jar, "/tmp/floor-new.jar");
        host.run("mkdir -p /opt/floor-plain && { [ -f /opt/floor-plain/app.jar ] && mv /opt/floor-plain/app.jar /opt/floor-plain/prev.jar; "
                + "mv /tmp/floor-new.jar /opt/floor-plain/app.jar; } && " + restartAndPoll(fixture)).orThrow();
    }

    private static void plainRollback(TestHost host, Fixture fixture) {
        host.run("cd /opt/floor-plain && mv app.jar next.jar && mv prev.jar app.jar && mv next.jar prev.jar && "
                + restartAndPoll(fixture)).orThrow();
    }

    private static String restartAndPoll(Fixture fixture) {
        return "systemctl stop floor-plain.service 2>/dev/null; systemctl reset-failed floor-plain.service 2>/dev/null; "
                + "systemd-run --unit floor-plain -E PORT=" + PLAIN_PORT + " /usr/bin/java " + fixture.javaOptions()
                + " -jar /opt/floor-plain/app.jar >/dev/null && for i in $(seq 1 600); do curl -sf http://127.0.0.1:" + PLAIN_PORT
                + fixture.healthPath() + " >/dev/null && exit 0; sleep 0.2; done; exit 1";
    }

    private static void check(DeploymentInfo done) {
        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
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

    private static double medianD(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String seconds(long millis) {
        return String.format("%.2f", millis / 1000.0);
    }

    private static String row(String what, List<Long> values, long base) {
        long median = median(values);
        return String.format("| %s | %s (%s-%s) | %.2fx |%n", what, seconds(median), seconds(Collections.min(values)),
                seconds(Collections.max(values)), (double) median / base);
    }
}
