package dev.deployer.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.ApiException;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.LogLine;
import dev.deployer.testhosts.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logs of a unit named like an app's, through a real server, from real hosts: lg2 is reached as a non-root user with sudo. */
class LogsIT {
    private static final String APP = "logtest";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static LogFixture fixture;
    private static LogTestHosts hosts;
    private static DeployerClient admin;
    private static LogTestUnit unit;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = LogFixture.start();
        hosts = fixture.hosts;
        admin = fixture.admin;
        unit = fixture.app(APP);
    }

    @AfterAll
    static void tearDown() {
        if (fixture != null) {
            hosts.all().forEach(unit::stop);
            fixture.close();
        }
    }

    @Test
    void readsTheLastLinesOfAllHostsMergedByTimeWithTheirHostNames() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        unit.write(hosts.get(0), run + " first");
        Thread.sleep(20);
        unit.write(hosts.get(1), run + " second");
        Thread.sleep(20);
        unit.write(hosts.get(2), run + " third");
        Thread.sleep(20);
        unit.write(hosts.get(0), run + " fourth");

        List<LogLine> lines = awaitLines(() -> admin.logs(APP, 4, null, null), 4, run);

        assertThat(lines).extracting(LogLine::message).containsExactly(run + " first", run + " second", run + " third", run + " fourth");
        assertThat(lines).extracting(LogLine::host).containsExactly("lg1", "lg2", "lg3", "lg1");
        assertThat(lines).extracting(LogLine::kind).containsOnly(LogLine.LINE);
        assertThat(admin.logs(APP, 1, "lg2", null)).extracting(LogLine::message).containsExactly(run + " second");
        assertThat(admin.logs(APP, 10_000, null, "2h")).extracting(LogLine::message).contains(run + " first");
        assertThat(admin.logs(APP, 10, null, java.time.Instant.now().plusSeconds(3600).toString())).isEmpty();
    }

    @Test
    void badQueriesAndViewersAreRefused() {
        assertThatThrownBy(() -> admin.logs(APP, 1, "lg9", null)).hasMessageContaining("does not run app logtest")
                .extracting(e -> ((ApiException) e).code()).isEqualTo(400);
        assertThatThrownBy(() -> admin.logs(APP, 1, null, "yesterday")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> admin.logs("nope", 1, null, null)).extracting(e -> ((ApiException) e).code()).isEqualTo(404);
        DeployerClient viewer = fixture.server.client(admin.createToken("logs-viewer", "viewer").token());
        assertThatThrownBy(() -> viewer.logs(APP, 1, null, null)).extracting(e -> ((ApiException) e).code()).isEqualTo(403);
    }

    @Test
    void followingGetsLinesWrittenLaterAcrossAUnitRestart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Following following = Following.start(admin, APP, 0, null)) {
            Thread.sleep(2000); // the followers connect after the backlog; a line before that is in the backlog anyway
            unit.write(hosts.get(1), run + " live");
            LogLine live = following.await(line -> line.message().equals(run + " live"), WAIT);
            assertThat(live.host()).isEqualTo("lg2");
            assertThat(live.kind()).isEqualTo(LogLine.LINE);

            unit.restart(hosts.get(2));
            unit.write(hosts.get(2), run + " after restart");
            assertThat(following.await(line -> line.message().equals(run + " after restart"), WAIT).host()).isEqualTo("lg3");
        }
    }

    @Test
    void aDroppedConnectionIsReconnectedSaidAndNothingIsLost() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestHost lg2 = hosts.get(1);
        try (Following following = Following.start(admin, APP, 0, "lg2")) {
            Thread.sleep(2000);
            unit.write(lg2, run + " before");
            following.await(line -> line.message().equals(run + " before"), WAIT);

            // Ends the server's SSH connection to lg2 from the host side (lg2 is reached as the deploy user).
            lg2.run(List.of("pkill", "-f", "^sshd: " + lg2.deployUser())).orThrow();
            unit.write(lg2, run + " during");

            following.await(line -> line.isNotice() && line.message().contains("lg2") && line.message().contains("reconnecting"), WAIT);
            following.await(line -> line.isNotice() && line.message().contains("reconnected"), WAIT);
            LogLine during = following.await(line -> !line.isNotice(), WAIT);
            assertThat(during.message()).isEqualTo(run + " during");
            unit.write(lg2, run + " after");
            assertThat(following.await(line -> !line.isNotice(), WAIT).message()).isEqualTo(run + " after");
        }
    }

    @Test
    void aClientThatLeavesEndsItsJournalctlOnEveryHost() throws Exception {
        // Its own app, so followers other tests leave behind cannot be mistaken for this one's.
        LogTestUnit leaving = fixture.app("logleave");
        Following following = Following.start(admin, "logleave", 0, null);
        Thread.sleep(2000);
        assertThat(hosts.all()).allSatisfy(host -> assertThat(leaving.journalctlProcesses(host)).isNotEmpty());

        following.leave();
        leaving.write(hosts.get(0), "one more line: the client reads it and goes");
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline && hosts.all().stream().anyMatch(host -> !leaving.journalctlProcesses(host).isEmpty())) {
            Thread.sleep(500);
        }
        System.out.println("logs: journalctl gone on every host " + (System.nanoTime() - deadline + Duration.ofSeconds(45).toNanos())
                / 1_000_000 + " ms after the client was told to leave");
        assertThat(following.ended()).isTrue();
        for (TestHost host : hosts.all()) {
            assertThat(leaving.journalctlProcesses(host)).as("journalctl left on " + host.name()).isEmpty();
        }
        hosts.all().forEach(leaving::stop);
    }

    @Test
    void fiveClientsOfOneHostShareOneJournalctlEachGetEveryLineAndItEndsWithin5SecondsOfTheLastLeaving() throws Exception {
        LogTestUnit five = fixture.app("logfive"); // its own app: its journalctl is the only one of its unit
        TestHost lg1 = hosts.get(0);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<RawLogStream> streams = new ArrayList<>();
        CliFollowing cli = null;
        try {
            for (int i = 0; i < 4; i++) {
                streams.add(RawLogStream.open(fixture.server.port(), fixture.server.adminToken(),
                        "/api/apps/logfive/logs?follow=true&lines=0&host=lg1"));
            }
            cli = CliFollowing.start(fixture.server.url(), fixture.server.adminToken(), "logfive", "lg1");
            List<Supplier<List<String>>> clients = new ArrayList<>();
            streams.forEach(stream -> clients.add(stream::messages));
            clients.add(cli::messages);

            // Everyone follows once each has seen a probe written after it connected.
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            for (int probe = 0; !clients.stream().allMatch(c -> c.get().stream().anyMatch(m -> m.startsWith(run + " probe")));
                 probe++) {
                assertThat(System.nanoTime()).as("all five following; got " + clients.stream().map(Supplier::get).toList()
                        + (cli.process.isAlive() ? "" : "; the CLI exited: " + cli.errors())).isLessThan(deadline);
                five.write(lg1, run + " probe " + probe);
                Thread.sleep(500);
            }
            assertThat(five.journalctlProcesses(lg1)).as("one journalctl on lg1 for five clients").hasSize(1);

            List<String> expected = IntStream.rangeClosed(1, 300).mapToObj(i -> run + " line " + i).toList();
            five.write(lg1, expected.toArray(String[]::new));
            for (Supplier<List<String>> client : clients) {
                long until = System.nanoTime() + WAIT.toNanos();
                while (lines(client.get(), run).size() < expected.size() && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                assertThat(lines(client.get(), run)).containsExactlyElementsOf(expected);
            }

            for (RawLogStream stream : streams) {
                stream.close();
            }
            Thread.sleep(4000); // the server notices those four within about 2 s
            assertThat(five.journalctlProcesses(lg1)).as("the CLI still follows: its journalctl stays").hasSize(1);

            long left = System.nanoTime();
            cli.process.destroy(); // SIGTERM, as a terminal closing or a kill would send
            List<String> remaining = five.journalctlProcesses(lg1);
            while (!remaining.isEmpty() && System.nanoTime() - left < Duration.ofSeconds(20).toNanos()) {
                Thread.sleep(200);
                remaining = five.journalctlProcesses(lg1);
            }
            Duration gone = Duration.ofNanos(System.nanoTime() - left);
            System.out.println("logs: the remote journalctl was gone " + gone.toMillis() + " ms after the last client left");
            assertThat(remaining).as("journalctl left on lg1").isEmpty();
            assertThat(gone).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (RawLogStream stream : streams) {
                stream.close();
            }
            if (cli != null) {
                cli.process.destroyForcibly();
            }
            hosts.all().forEach(five::stop);
        }
    }

    private static List<String> lines(List<String> messages, String run) {
        return messages.stream().filter(m -> m.startsWith(run + " line ")).toList();
    }

    private static List<LogLine> awaitLines(java.util.function.Supplier<List<LogLine>> read, int count, String run)
            throws InterruptedException {
        List<LogLine> lines = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            lines = read.get();
            if (lines.stream().filter(line -> line.message().startsWith(run)).count() >= count) {
                return lines;
            }
            Thread.sleep(100);
        }
        return lines;
    }
}
