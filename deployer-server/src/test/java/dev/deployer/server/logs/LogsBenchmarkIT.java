package dev.deployer.server.logs;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.deployer.api.LogLine;
import dev.deployer.testhosts.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Measures, not asserts: latency from a line written on a host to a following client, and lines
 * per second carried from three hosts at once. Runs only with {@code -Dbenchmarks=true}; prints a
 * Markdown table and writes it to {@code target/benchmarks-logs.md} for docs/benchmarks.md.
 * Hosts and this machine share one kernel clock, so a time taken on a host compares with one taken here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogsBenchmarkIT {
    private static final int LATENCY_LINES = 50;
    private static final int BURST_LINES = Integer.getInteger("benchmarks.burst", 20_000);
    private static final int PACED_SECONDS = 5;

    private static LogFixture fixture;
    private static LogTestUnit unit;
    private static final List<String> results = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        assumeThat(Boolean.getBoolean("benchmarks")).as("benchmarks run only with -Dbenchmarks=true").isTrue();
        fixture = LogFixture.start();
        unit = fixture.app("logbench");
    }

    @AfterAll
    static void report() throws Exception {
        if (fixture == null) {
            return;
        }
        fixture.hosts.all().forEach(unit::stop);
        fixture.close();
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[2];
        String table = "| measure | result |\n|---|---|\n" + String.join("\n", results) + "\n\nLoad average (15 min) of the "
                + Runtime.getRuntime().availableProcessors() + "-core machine at the end: " + load + ".\n";
        System.out.println(table);
        Files.writeString(Path.of("target", "benchmarks-logs.md"), table);
    }

    @Test
    @Order(1) // first: a burst leaves journald on the hosts busy for a while, which would count as latency
    void latencyFromAHostToAFollowingClient() throws Exception {
        TestHost host = fixture.hosts.get(1); // the sudo path: the slower of the two
        try (Following following = Following.start(fixture.admin, "logbench", 0, host.name())) {
            Thread.sleep(2000);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> unit.run(host,
                    "for i in $(seq " + LATENCY_LINES + "); do echo \"lat $(date +%s%N)\" > \"$0\"; sleep 0.1; done"));
            List<Long> micros = new ArrayList<>();
            while (micros.size() < LATENCY_LINES) {
                LogLine line = following.received().poll(30, TimeUnit.SECONDS);
                if (line == null) {
                    break;
                }
                Instant received = Instant.now();
                if (line.message().startsWith("lat ")) {
                    long writtenNanos = Long.parseLong(line.message().substring(4).trim());
                    long receivedNanos = received.getEpochSecond() * 1_000_000_000L + received.getNano();
                    micros.add((receivedNanos - writtenNanos) / 1000);
                }
            }
            writing.join();
            micros.sort(Long::compare);
            results.add("| latency, line written on " + host.name() + " (sudo) → following client, " + micros.size() + " lines 100 ms apart"
                    + " | median " + ms(micros, 0.5) + " ms, p95 " + ms(micros, 0.95) + " ms, max " + ms(micros, 1.0) + " ms |");
        }
    }

    @Test
    @Order(2)
    void linesPerSecondFromThreeHostsAtPacedRates() throws Exception {
        for (int perHost : new int[] {250, 500, 1000, 2000}) {
            int lines = perHost * PACED_SECONDS;
            String label = "paced, 3 hosts × " + perHost + " lines/s for " + PACED_SECONDS + " s";
            // Each tenth of a second a host writes a tenth of its rate; sleep and process start make it a little slower.
            carry(label, "r" + perHost, lines, prefix -> "i=0; while [ $i -lt " + lines + " ]; do seq -f '" + prefix
                    + "-%.0f' $((i+1)) $((i+" + perHost / 10 + ")); i=$((i+" + perHost / 10 + ")); sleep 0.1; done > \"$0\"");
        }
    }

    @Test
    @Order(3)
    void linesPerSecondFromThreeHostsWritingAsFastAsTheyCan() throws Exception {
        carry("burst, 3 hosts × " + BURST_LINES + " lines as fast as each host can", "burst", BURST_LINES,
                prefix -> "seq -f '" + prefix + "-%.0f' 1 " + BURST_LINES + " > \"$0\"");
    }

    /** Has every host run {@code script} (given its line prefix) at once and counts what a following client receives. */
    private static void carry(String label, String run, int linesPerHost, Function<String, String> script) throws Exception {
        try (Following following = Following.start(fixture.admin, "logbench", 0, null)) {
            Thread.sleep(2000);
            List<CompletableFuture<Void>> writers = fixture.hosts.all().stream()
                    .map(host -> CompletableFuture.runAsync(() -> unit.run(host, script.apply(run + "-" + host.name())))).toList();
            Map<String, Integer> perHost = new HashMap<>();
            long dropped = 0;
            long first = 0;
            long last = 0;
            int expected = linesPerHost * fixture.hosts.all().size();
            int received = 0;
            while (received < expected) {
                LogLine line = following.received().poll(15, TimeUnit.SECONDS);
                if (line == null) {
                    break;
                }
                if (line.isNotice() && line.message().contains("dropped")) {
                    dropped += Long.parseLong(line.message().substring(0, line.message().indexOf(' ')));
                } else if (line.message().startsWith(run + "-")) {
                    perHost.merge(line.host(), 1, Integer::sum);
                    received++;
                    last = System.nanoTime();
                    first = first == 0 ? last : first;
                }
            }
            writers.forEach(CompletableFuture::join);
            double seconds = Math.max(1, last - first) / 1e9;
            results.add("| " + label + " | " + received + " of " + expected + " in " + String.format("%.1f", seconds) + " s = "
                    + Math.round(received / seconds) + " lines/s; lost " + (expected - received) + " (" + dropped
                    + " dropped and marked); per host " + new TreeMap<>(perHost) + " |");
        }
    }

    private static String ms(List<Long> sortedMicros, double quantile) {
        if (sortedMicros.isEmpty()) {
            return "n/a";
        }
        int index = Math.min(sortedMicros.size() - 1, (int) Math.ceil(quantile * sortedMicros.size()) - 1);
        return String.format("%.1f", sortedMicros.get(Math.max(0, index)) / 1000.0);
    }
}
