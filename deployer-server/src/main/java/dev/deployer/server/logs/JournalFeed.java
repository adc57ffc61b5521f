package dev.deployer.server.logs;

import dev.deployer.api.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app's journal on one host, followed once for all the clients following it there: every entry is
 * parsed once and handed to each {@link FeedClient}, whose own bounded buffer drops when that client is
 * slow, so no client waits for another. The stream starts once its first clients know where their
 * backlogs ended (after the earliest of those), and when it ends or the host drops it says so and
 * reconnects with backoff, continuing after the last entry it saw (journal cursor): nothing is lost or
 * repeated across the gap. Restarts and deploys of the app need nothing: {@code journalctl --unit}
 * follows the unit across them. Membership changes come from {@link JournalFeeds}, under its lock.
 */
final class JournalFeed {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFeed.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(15);
    /** A stream that lasted this long was healthy: the next failure starts the backoff afresh. */
    private static final Duration HEALTHY = Duration.ofSeconds(20);

    private final JournalSource source;
    private final String app;
    private final String host;
    private final Executor workers;
    private final Clock clock;
    private final List<FeedClient> clients = new CopyOnWriteArrayList<>();
    private boolean started; // guarded by this
    private volatile boolean stopped;
    private volatile JournalSource.Tail tail;
    private volatile String cursor;
    private volatile Instant since;
    private int failures; // touched by one connect or retry at a time: each schedules the next
    private Instant connectedAt;

    JournalFeed(JournalSource source, String app, String host, Executor workers, Clock clock) {
        this.source = source;
        this.app = app;
        this.host = host;
        this.workers = workers;
        this.clock = clock;
    }

    void add(FeedClient client) {
        clients.add(client);
    }

    /** True when that was the last client. */
    boolean remove(FeedClient client) {
        clients.remove(client);
        return clients.isEmpty();
    }

    int clients() {
        return clients.size();
    }

    /**
     * Starts the stream once every client that joined before it has its backlog's position: after the earliest of
     * their cursors, or from the earliest read start when one of them had no cursor. Clients joining later need
     * nothing more: their backlogs were read after the stream began, so it delivers everything past them.
     */
    synchronized void startWhenPositioned() {
        if (started || stopped || clients.isEmpty()) {
            return;
        }
        String from = null;
        Instant fromTime = null;
        for (FeedClient client : clients) {
            if (!client.positioned()) {
                return;
            }
            if (client.startCursor() == null) {
                fromTime = fromTime == null || client.readStart().isBefore(fromTime) ? client.readStart() : fromTime;
            } else {
                from = from == null ? client.startCursor() : JournalCursor.earlier(from, client.startCursor());
            }
        }
        started = true;
        cursor = fromTime == null ? from : null;
        since = fromTime;
        workers.execute(this::connect);
    }

    /** Marks the feed stopped: called under the registry's lock, so no client joins it from now on. */
    void markStopped() {
        stopped = true;
    }

    /** Ends the remote journalctl and any pending reconnect; call after {@link #markStopped()}, outside the lock. */
    void close() {
        stopped = true;
        JournalSource.Tail current = tail;
        if (current != null) {
            current.close();
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        JournalSource.Tail opened;
        try {
            opened = source.follow(app, host, cursor, since, this::accept);
        } catch (RuntimeException e) {
            retry("cannot follow host " + host + " (" + e.getMessage() + ")");
            return;
        }
        tail = opened;
        if (stopped) {
            opened.close();
            return;
        }
        if (failures > 0) {
            LOG.info("logs reconnected app={} host={}", app, host);
            notice(5, "host " + host + " reconnected: continuing after its last line");
        } else {
            LOG.info("logs stream started app={} host={} clients={}", app, host, clients.size());
        }
        connectedAt = clock.instant();
        opened.finished().whenComplete((ok, error) -> ended(error));
    }

    private void ended(Throwable error) {
        if (stopped) {
            LOG.info("logs stream ended app={} host={}: no client follows it any more", app, host);
            return;
        }
        if (Duration.between(connectedAt, clock.instant()).compareTo(HEALTHY) >= 0) {
            failures = 0;
        }
        retry(error == null ? "the log stream of host " + host + " ended" : "host " + host + " disconnected ("
                + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()) + ")");
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        Duration delay = backoff(++failures);
        LOG.warn("logs stream lost app={} host={}: {}; reconnecting in {} s", app, host, why, delay.toSeconds());
        notice(4, why + "; reconnecting in " + delay.toSeconds() + " s");
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, workers).execute(this::connect);
    }

    /** 1, 2, 4, 8, 15, 15, ... seconds. */
    static Duration backoff(int failures) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(failures - 1, 10);
        return seconds >= MAX_RETRY.toSeconds() ? MAX_RETRY : Duration.ofSeconds(seconds);
    }

    private void accept(String raw) {
        JournalJson.parse(raw).ifPresentOrElse(entry -> {
            if (entry.cursor() != null) {
                cursor = entry.cursor();
                since = null;
            }
            if (entry.of(app)) {
                clients.forEach(client -> client.entry(entry));
            }
        }, () -> {
            if (!raw.isBlank()) { // sudo or journalctl complaining: the operator needs to see it
                notice(4, "host " + host + ": " + LogReader.shortened(raw));
            }
        });
    }

    private void notice(int priority, String message) {
        LogLine notice = LogLine.notice(clock.instant(), host, priority, message);
        clients.forEach(client -> client.notice(notice));
    }
}
