package dev.deployer.server.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogMergeTest {
    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void linesOfAllHostsAreMergedByTimeAndTheLastNKept() {
        LogReader.HostRead th1 = new LogReader.HostRead("th1", List.of(entry(1, "a1"), entry(4, "a4"), entry(6, "a6")), List.of());
        LogReader.HostRead th2 = new LogReader.HostRead("th2", List.of(entry(2, "b2"), entry(5, "b5")), List.of());

        List<LogLine> merged = LogReader.merge(List.of(th1, th2), 4);

        assertThat(merged).extracting(LogLine::message).containsExactly("b2", "a4", "b5", "a6");
        assertThat(merged).extracting(LogLine::host).containsExactly("th2", "th1", "th2", "th1");
        assertThat(merged).allMatch(line -> line.kind().equals(LogLine.LINE));
    }

    @Test
    void equalTimesKeepTheHostOrderAndNoticesComeLast() {
        LogLine unreachable = LogLine.notice(T, "th3", 4, "cannot read the logs of host th3: unreachable");
        LogReader.HostRead th1 = new LogReader.HostRead("th1", List.of(entry(1, "first")), List.of());
        LogReader.HostRead th2 = new LogReader.HostRead("th2", List.of(entry(1, "second")), List.of());
        LogReader.HostRead th3 = new LogReader.HostRead("th3", List.of(), List.of(unreachable));

        assertThat(LogReader.merge(List.of(th1, th2, th3), 10)).extracting(LogLine::message)
                .containsExactly("first", "second", unreachable.message());
        assertThat(LogReader.merge(List.of(th3, th1), 0)).containsExactly(unreachable);
    }

    @Test
    void reconnectsBackOffUpToFifteenSeconds() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 40)).extracting(JournalFeed::backoff).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15),
                Duration.ofSeconds(15), Duration.ofSeconds(15));
    }

    private static JournalEntry entry(int second, String message) {
        return new JournalEntry(T.plusSeconds(second), 6, message, "c" + second);
    }
}
