package dev.deployer.server.logs;

import dev.deployer.api.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lines waiting for one following client. Bounded in lines and in characters; when full, a
 * line is dropped and counted instead of waiting, so a slow client never holds up the readers on
 * the hosts, and the count comes out as one notice exactly where the gap is.
 */
final class LogBuffer {
    /** What one line costs beyond its text: the record, its host and time. */
    private static final int LINE_OVERHEAD_CHARS = 64;

    private final int maxLines;
    private final long maxChars;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private long chars;
    private long droppedInGap;
    private long droppedTotal;

    LogBuffer(int maxLines, long maxChars, Clock clock) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
        this.clock = clock;
    }

    /** Queues {@code line} unless the buffer is full; never blocks. False means it was dropped. */
    boolean offer(LogLine line) {
        lock.lock();
        try {
            long cost = cost(line);
            if (lines.size() >= maxLines || chars + cost > maxChars) {
                droppedInGap++;
                droppedTotal++;
                return false;
            }
            closeGap();
            lines.addLast(line);
            chars += cost;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next line, or the notice of a gap; null when nothing came within {@code wait}. */
    LogLine poll(Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (lines.isEmpty() && droppedInGap == 0) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            if (lines.isEmpty()) {
                closeGap();
            }
            LogLine line = lines.removeFirst();
            chars -= cost(line);
            return line;
        } finally {
            lock.unlock();
        }
    }

    /** Lines dropped since this buffer was made, notices included. */
    long droppedTotal() {
        lock.lock();
        try {
            return droppedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Marks a gap left by dropped lines with one notice; it may go one over the bound, which keeps the count honest. */
    private void closeGap() {
        if (droppedInGap > 0) {
            LogLine notice = LogLine.notice(clock.instant(), null, 4, droppedInGap + (droppedInGap == 1 ? " line" : " lines")
                    + " dropped here: this client read more slowly than the hosts wrote");
            lines.addLast(notice);
            chars += cost(notice);
            droppedInGap = 0;
        }
    }

    private static long cost(LogLine line) {
        return LINE_OVERHEAD_CHARS + line.message().length();
    }
}
