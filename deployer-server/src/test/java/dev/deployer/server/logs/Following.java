package dev.deployer.server.logs;

import dev.deployer.api.DeployerClient;
import dev.deployer.api.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client following an app's logs on a thread of its own, as {@code deployer logs -f} would. */
final class Following implements AutoCloseable {
    private final BlockingQueue<LogLine> received = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean leaving;
    private volatile Throwable failure;

    private Following(DeployerClient client, String app, Integer lines, String host) {
        thread = new Thread(() -> {
            try {
                client.followLogs(app, lines, host, null, line -> {
                    received.add(line);
                    return !leaving;
                });
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "following-" + app);
        thread.setDaemon(true);
        thread.start();
    }

    static Following start(DeployerClient client, String app, Integer lines, String host) {
        return new Following(client, app, lines, host);
    }

    /** Waits for the first line or notice matching {@code wanted}; lines before it are consumed. */
    LogLine await(Predicate<LogLine> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<LogLine> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            LogLine line = received.poll(50, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line != null) {
                seen.add(line);
            }
        }
        throw new AssertionError("nothing matching arrived within " + timeout + "; got " + seen
                + (failure == null ? "" : "; the stream failed: " + failure));
    }

    BlockingQueue<LogLine> received() {
        return received;
    }

    /** The client stops reading and closes its connection at the next event it gets. */
    void leave() {
        leaving = true;
    }

    boolean ended() {
        return !thread.isAlive();
    }

    @Override
    public void close() {
        leave();
    }
}
