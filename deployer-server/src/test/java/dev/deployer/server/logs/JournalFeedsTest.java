package dev.deployer.server.logs;

import static dev.deployer.server.logs.FakeJournal.cursor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JournalFeedsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final Executor NOW = Runnable::run;

    private final FakeJournal journal = new FakeJournal();
    private final JournalFeeds feeds = new JournalFeeds(journal, NOW, CLOCK);

    @Test
    void clientsOfOneAppOnOneHostShareOneStreamAndEachGetsEveryLine() throws InterruptedException {
        List<LogBuffer> buffers = List.of(buffer(100), buffer(100), buffer(100));
        buffers.forEach(buffer -> feeds.position(feeds.join("shop", "h1", buffer), cursor(10), CLOCK.instant()));
        feeds.position(feeds.join("other", "h1", buffer(100)), cursor(10), CLOCK.instant());

        assertThat(journal.started).extracting(FakeJournal.Started::app).containsExactly("shop", "other");
        IntStream.rangeClosed(11, 60).forEach(seqnum -> journal.started.get(0).tail().print(seqnum, "line " + seqnum));

        List<String> expected = IntStream.rangeClosed(11, 60).mapToObj(seqnum -> "line " + seqnum).toList();
        for (LogBuffer buffer : buffers) {
            assertThat(messages(buffer)).containsExactlyElementsOf(expected);
        }
        assertThat(feeds.size()).isEqualTo(2);
    }

    @Test
    void aSlowClientDropsAndSaysHowManyWhileTheOthersGetEveryLine() throws InterruptedException {
        LogBuffer slow = buffer(5);
        LogBuffer fast = buffer(1000);
        LogBuffer other = buffer(1000);
        for (LogBuffer buffer : List.of(slow, fast, other)) {
            feeds.position(feeds.join("shop", "h1", buffer), cursor(1), CLOCK.instant());
        }

        // Nobody reads the slow buffer; printing must neither block nor hold back the other two.
        IntStream.rangeClosed(2, 501).forEach(seqnum -> journal.last().print(seqnum, "line " + seqnum));

        assertThat(messages(fast)).hasSize(500).startsWith("line 2").endsWith("line 501");
        assertThat(messages(other)).hasSize(500);
        List<String> slowGot = messages(slow);
        assertThat(slowGot).containsExactly("line 2", "line 3", "line 4", "line 5", "line 6",
                "495 lines dropped here: this client read more slowly than the hosts wrote");
    }

    @Test
    void theLastClientToLeaveEndsTheStreamAndTheNextClientStartsANewOne() {
        FeedClient first = feeds.join("shop", "h1", buffer(10));
        FeedClient second = feeds.join("shop", "h1", buffer(10));
        feeds.position(first, cursor(5), CLOCK.instant());
        feeds.position(second, cursor(5), CLOCK.instant());
        FakeJournal.FakeTail tail = journal.last();

        feeds.leave(first);
        assertThat(tail.closed()).isFalse();
        feeds.leave(second);
        assertThat(tail.closed()).isTrue();
        assertThat(feeds.size()).isZero();

        feeds.position(feeds.join("shop", "h1", buffer(10)), cursor(9), CLOCK.instant());
        assertThat(journal.started).hasSize(2);
        assertThat(journal.last().closed()).isFalse();
        assertThat(journal.started.get(1).afterCursor()).isEqualTo(cursor(9));
    }

    @Test
    void aClientJoiningARunningStreamGetsExactlyWhatCameAfterItsBacklog() throws InterruptedException {
        LogBuffer early = buffer(100);
        feeds.position(feeds.join("shop", "h1", early), cursor(3), CLOCK.instant());
        FakeJournal.FakeTail tail = journal.last();
        tail.print(4, "four");
        tail.print(5, "five");

        LogBuffer late = buffer(100);
        FeedClient joining = feeds.join("shop", "h1", late); // joins, then its backlog is read...
        tail.print(6, "six"); // ...while the stream goes on: the backlog may or may not hold this one
        tail.print(7, "seven");
        feeds.position(joining, cursor(6), CLOCK.instant()); // it did: the backlog ended at six
        tail.print(8, "eight");

        assertThat(messages(late)).containsExactly("seven", "eight");
        assertThat(messages(early)).containsExactly("four", "five", "six", "seven", "eight");
        assertThat(journal.started).hasSize(1);
    }

    @Test
    void clientsJoiningTogetherStartTheStreamAfterTheEarliestBacklog() throws InterruptedException {
        LogBuffer ahead = buffer(100);
        LogBuffer behind = buffer(100);
        FeedClient a = feeds.join("shop", "h1", ahead);
        FeedClient b = feeds.join("shop", "h1", behind);
        feeds.position(a, cursor(5), CLOCK.instant());
        assertThat(journal.started).as("waits for the other backlog").isEmpty();
        feeds.position(b, cursor(3), CLOCK.instant());

        assertThat(journal.started).singleElement().extracting(FakeJournal.Started::afterCursor).isEqualTo(cursor(3));
        IntStream.rangeClosed(4, 6).forEach(seqnum -> journal.last().print(seqnum, "n" + seqnum));
        assertThat(messages(behind)).containsExactly("n4", "n5", "n6");
        assertThat(messages(ahead)).containsExactly("n6");
    }

    @Test
    void aHostWithoutEntriesIsFollowedFromWhenTheBacklogWasRead() {
        Instant readStart = CLOCK.instant().minusSeconds(2);
        feeds.position(feeds.join("shop", "h1", buffer(10)), null, readStart);

        assertThat(journal.started).singleElement().satisfies(started -> {
            assertThat(started.afterCursor()).isNull();
            assertThat(started.since()).isEqualTo(readStart);
        });
    }

    @Test
    void aClientLeavingWhileItsBacklogIsReadNeitherBlocksTheOthersNorLeavesAStream() {
        FeedClient gone = feeds.join("shop", "h1", buffer(10));
        FeedClient staying = feeds.join("shop", "h1", buffer(10));
        feeds.position(staying, cursor(2), CLOCK.instant());
        feeds.leave(gone);
        assertThat(journal.started).hasSize(1);

        FeedClient alone = feeds.join("cart", "h1", buffer(10));
        feeds.leave(alone);
        assertThat(journal.started).hasSize(1);
        assertThat(feeds.size()).isEqualTo(1);
    }

    @Test
    void aBrokenStreamSaysSoAndContinuesAfterTheLastLineItDelivered() throws InterruptedException {
        LogBuffer buffer = buffer(100);
        feeds.position(feeds.join("shop", "h1", buffer), cursor(1), CLOCK.instant());
        journal.last().print(2, "two");
        journal.last().breakConnection();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (journal.started.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(journal.started).hasSize(2);
        assertThat(journal.last().closed()).isFalse();
        assertThat(journal.started.get(1).afterCursor()).isEqualTo(cursor(2));
        journal.last().print(3, "three");
        assertThat(messages(buffer)).containsExactly("two", "host h1 disconnected (connection reset); reconnecting in 1 s",
                "host h1 reconnected: continuing after its last line", "three");
    }

    private static LogBuffer buffer(int lines) {
        return new LogBuffer(lines, 1_000_000, CLOCK);
    }

    private static List<String> messages(LogBuffer buffer) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        for (LogLine line = buffer.poll(Duration.ZERO); line != null; line = buffer.poll(Duration.ZERO)) {
            messages.add(line.message());
        }
        return messages;
    }
}
