package dev.deployer.server.logs;

import dev.deployer.api.LogLine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client following an app's logs: the backlog first, then lines from every host in the order
 * they arrive (hosts are followed independently, so arrival order is the only merge that adds no
 * delay). Closing it takes the client off each host's shared {@link JournalFeed}; the last client
 * of a feed ends its remote {@code journalctl}.
 */
public final class LogFollow implements AutoCloseable {
    private final List<LogLine> backlog;
    private final LogBuffer buffer;
    private final Consumer<LogFollow> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    LogFollow(List<LogLine> backlog, LogBuffer buffer, Consumer<LogFollow> onClose) {
        this.backlog = List.copyOf(backlog);
        this.buffer = buffer;
        this.onClose = onClose;
    }

    /** The last lines before following began, merged by time. */
    public List<LogLine> backlog() {
        return backlog;
    }

    /** The next live line or notice, or null when none came within {@code wait}. */
    public LogLine next(Duration wait) throws InterruptedException {
        return buffer.poll(wait);
    }

    /** Lines dropped because this client read too slowly. */
    public long dropped() {
        return buffer.droppedTotal();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }
}
