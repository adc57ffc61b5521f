package dev.deployer.server.logs;

import dev.deployer.api.LogLine;
import dev.deployer.server.hosts.HostTarget;
import dev.deployer.server.remote.JournalCommands;
import dev.deployer.server.ssh.RemoteStream;
import dev.deployer.server.ssh.SshHosts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows an app's journal on one host for one client, into that client's {@link LogBuffer}.
 * When the stream ends or the host drops, it says so and reconnects with backoff, continuing
 * after the last entry it saw (journal cursor), so nothing is lost or repeated across the gap.
 * Restarts and deploys of the app need nothing: {@code journalctl --unit} follows the unit across them.
 */
final class HostFollower {
    private static final Logger LOG = LoggerFactory.getLogger(HostFollower.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(15);
    /** A stream that lasted this long was healthy: the next failure starts the backoff afresh. */
    private static final Duration HEALTHY = Duration.ofSeconds(20);

    private final SshHosts ssh;
    private final Function<String, HostTarget> hosts;
    private final String app;
    private final String host;
    private final LogBuffer buffer;
    private final Executor workers;
    private final Clock clock;
    private final Instant since;
    private volatile String cursor;
    private volatile boolean stopped;
    private volatile RemoteStream stream;
    private int failures; // touched by one connect or retry at a time: each schedules the next
    private Instant connectedAt;

    /** Continues after {@code cursor}; with none (the host had no entries, or could not be read), from {@code since}. */
    HostFollower(SshHosts ssh, Function<String, HostTarget> hosts, String app, String host, String cursor, Instant since,
                 LogBuffer buffer, Executor workers, Clock clock) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.app = app;
        this.host = host;
        this.cursor = cursor;
        this.buffer = buffer;
        this.workers = workers;
        this.clock = clock;
        this.since = since;
    }

    void start() {
        workers.execute(this::connect);
    }

    /** Ends the remote journalctl (the channel closes, the host's process gets its hang-up) and any pending reconnect. */
    void stop() {
        stopped = true;
        RemoteStream current = stream;
        if (current != null) {
            current.close();
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        RemoteStream opened;
        try {
            HostTarget target = hosts.apply(host);
            opened = ssh.stream(target, "follow logs",
                    JournalCommands.follow(app, cursor, since).privileged(target.root()), this::accept);
        } catch (RuntimeException e) {
            retry("cannot follow host " + host + " (" + e.getMessage() + ")");
            return;
        }
        stream = opened;
        if (stopped) {
            opened.close();
            return;
        }
        if (failures > 0) {
            LOG.info("logs reconnected app={} host={}", app, host);
            buffer.offer(LogLine.notice(clock.instant(), host, 5, "host " + host + " reconnected: continuing after its last line"));
        }
        connectedAt = clock.instant();
        opened.finished().whenComplete((ok, error) -> ended(error));
    }

    private void ended(Throwable error) {
        if (stopped) {
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
        buffer.offer(LogLine.notice(clock.instant(), host, 4, why + "; reconnecting in " + delay.toSeconds() + " s"));
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, workers).execute(this::connect);
    }

    /** 1, 2, 4, 8, 15, 15, ... seconds. */
    static Duration backoff(int failures) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(failures - 1, 10);
        return seconds >= MAX_RETRY.toSeconds() ? MAX_RETRY : Duration.ofSeconds(seconds);
    }

    private void accept(String raw) {
        JournalJson.parse(raw).ifPresentOrElse(entry -> {
            cursor = entry.cursor() != null ? entry.cursor() : cursor;
            buffer.offer(LogLine.line(entry.at(), host, entry.priority(), entry.message()));
        }, () -> {
            if (!raw.isBlank()) { // sudo or journalctl complaining: the operator needs to see it
                buffer.offer(LogLine.notice(clock.instant(), host, 4, "host " + host + ": " + LogReader.shortened(raw)));
            }
        });
    }
}
