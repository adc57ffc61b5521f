package dev.deployer.server.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogBufferTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void linesComeOutInTheOrderTheyWentIn() throws InterruptedException {
        LogBuffer buffer = new LogBuffer(10, 10_000, CLOCK);
        buffer.offer(line("a"));
        buffer.offer(line("b"));
        assertThat(messages(drain(buffer))).containsExactly("a", "b");
    }

    @Test
    void aFullBufferDropsNewLinesAndMarksTheGapWithTheirCount() throws InterruptedException {
        LogBuffer buffer = new LogBuffer(2, 10_000, CLOCK);
        assertThat(buffer.offer(line("1"))).isTrue();
        assertThat(buffer.offer(line("2"))).isTrue();
        assertThat(buffer.offer(line("3"))).isFalse();
        assertThat(buffer.offer(line("4"))).isFalse();
        assertThat(buffer.poll(Duration.ZERO).message()).isEqualTo("1");
        assertThat(buffer.offer(line("5"))).isTrue();

        List<LogLine> rest = drain(buffer);
        assertThat(messages(rest)).containsExactly("2", "2 lines dropped here: this client read more slowly than the hosts wrote", "5");
        assertThat(rest.get(1).isNotice()).isTrue();
        assertThat(rest.get(1).host()).isNull();
        assertThat(buffer.droppedTotal()).isEqualTo(2);
    }

    @Test
    void aGapAtTheEndIsReportedOnceTheLinesBeforeItAreRead() throws InterruptedException {
        LogBuffer buffer = new LogBuffer(1, 10_000, CLOCK);
        buffer.offer(line("kept"));
        buffer.offer(line("lost"));
        assertThat(messages(drain(buffer))).containsExactly("kept", "1 line dropped here: this client read more slowly than the hosts wrote");
        assertThat(buffer.poll(Duration.ZERO)).isNull();
    }

    @Test
    void charactersAreBoundedTooSoLongLinesCannotPileUp() {
        LogBuffer buffer = new LogBuffer(1000, 64 * 3 + 20, CLOCK);
        assertThat(buffer.offer(line("x".repeat(10)))).isTrue();
        assertThat(buffer.offer(line("x".repeat(10)))).isTrue();
        assertThat(buffer.offer(line("x".repeat(10)))).isFalse();
        assertThat(buffer.offer(line(""))).isTrue();
    }

    @Test
    void pollWaitsForALineAndGivesUpAfterTheWait() throws Exception {
        LogBuffer buffer = new LogBuffer(10, 10_000, CLOCK);
        assertThat(buffer.poll(Duration.ofMillis(20))).isNull();
        CompletableFuture<LogLine> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.poll(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        buffer.offer(line("late"));
        assertThat(waiting.get(5, TimeUnit.SECONDS).message()).isEqualTo("late");
    }

    @Test
    void aWriterNeverBlocksWhileNobodyReads() {
        LogBuffer buffer = new LogBuffer(100, 1_000_000, CLOCK);
        long started = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            buffer.offer(line("line " + i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(buffer.droppedTotal()).isEqualTo(100_000 - 100);
    }

    private static LogLine line(String message) {
        return LogLine.line(CLOCK.instant(), "th1", 6, message);
    }

    private static List<LogLine> drain(LogBuffer buffer) throws InterruptedException {
        List<LogLine> out = new ArrayList<>();
        for (LogLine line = buffer.poll(Duration.ZERO); line != null; line = buffer.poll(Duration.ZERO)) {
            out.add(line);
        }
        return out;
    }

    private static List<String> messages(List<LogLine> lines) {
        return lines.stream().map(LogLine::message).toList();
    }
}
