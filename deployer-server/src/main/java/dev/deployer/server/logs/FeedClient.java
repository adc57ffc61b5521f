package dev.deployer.server.logs;

import dev.deployer.api.LogLine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's place on one host's {@link JournalFeed}. It joins the feed before its backlog is read, so
 * entries that arrive meanwhile wait here (bounded); once the backlog's last cursor is known, those at or
 * before it are skipped (the backlog showed them) and the rest go to the client's {@link LogBuffer}.
 * Never blocks the feed: a full buffer drops and counts.
 */
final class FeedClient {
    private static final int MAX_PENDING_LINES = LogService.BUFFER_LINES;
    private static final long MAX_PENDING_CHARS = LogService.BUFFER_CHARS;

    private final String host;
    private final LogBuffer buffer;
    private final Clock clock;
    private final java.util.function.Predicate<JournalEntry> wanted;
    private final List<JournalEntry> pending = new ArrayList<>();
    private long pendingChars;
    private long pendingDropped;
    private boolean positioned;
    private String startCursor;
    private Instant readStart;
    private String skipUntilAfter; // cleared by the first entry past it: the feed delivers in journal order

    FeedClient(String host, LogBuffer buffer, Clock clock) {
        this(host, buffer, clock, entry -> true);
    }

    /** {@code wanted}: which of the feed's entries this client shows (one process type, when it asked for one). */
    FeedClient(String host, LogBuffer buffer, Clock clock, java.util.function.Predicate<JournalEntry> wanted) {
        this.host = host;
        this.buffer = buffer;
        this.clock = clock;
        this.wanted = wanted;
    }

    String host() {
        return host;
    }

    /** A journal entry from the feed, in journal order. */
    synchronized void entry(JournalEntry entry) {
        if (!positioned) {
            long cost = entry.message().length();
            if (pending.size() >= MAX_PENDING_LINES || pendingChars + cost > MAX_PENDING_CHARS) {
                pendingDropped++;
            } else {
                pending.add(entry);
                pendingChars += cost;
            }
            return;
        }
        if (skipUntilAfter != null) {
            if (!JournalCursor.isAfter(entry.cursor(), skipUntilAfter)) {
                return;
            }
            skipUntilAfter = null;
        }
        if (!wanted.test(entry)) {
            return;
        }
        buffer.offer(LogLine.line(entry.at(), host, entry.priority(), entry.message()));
    }

    /** Something the deployer says about this host's stream; goes straight to the client. */
    void notice(LogLine notice) {
        buffer.offer(notice);
    }

    /**
     * The backlog read that started at {@code readStart} ended at {@code cursor} on this host (null: it had no entries
     * of the host, or could not read it): what waited is sorted out, and from now on entries flow to the client.
     */
    synchronized void position(String cursor, Instant readStart) {
        this.startCursor = cursor;
        this.readStart = readStart;
        this.skipUntilAfter = cursor;
        this.positioned = true;
        List<JournalEntry> waiting = List.copyOf(pending);
        pending.clear();
        pendingChars = 0;
        waiting.forEach(this::entry);
        if (pendingDropped > 0) {
            buffer.offer(LogLine.notice(clock.instant(), host, 4, pendingDropped + " lines of host " + host
                    + " dropped here: more came in while the backlog was read than one client may hold"));
        }
    }

    /** Lines that could not even wait for the backlog to be read. */
    synchronized long pendingDropped() {
        return pendingDropped;
    }

    synchronized boolean positioned() {
        return positioned;
    }

    /** Where this client's backlog ended on the host; null when it had no cursor there. */
    synchronized String startCursor() {
        return startCursor;
    }

    synchronized Instant readStart() {
        return readStart;
    }
}
