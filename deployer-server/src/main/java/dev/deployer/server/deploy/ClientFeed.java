package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentEvent;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a deployment's events to one client (a git push's side band) from a thread of its own,
 * one write at a time. Steps only ever {@link #offer}: that never blocks and never throws. A
 * client that throws, or falls {@code capacity} events behind, is detached with one log line and
 * the deployment carries on without it.
 */
public final class ClientFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ClientFeed.class);
    private static final DeploymentEvent CLOSE = new DeploymentEvent(-2, -2, null, null, "close", "close", null, "");

    private final long deployment;
    private final String client;
    private final Consumer<DeploymentEvent> sink;
    private final BlockingQueue<DeploymentEvent> queue;
    private final Thread writer;
    private volatile String detached;

    public ClientFeed(long deployment, String client, Consumer<DeploymentEvent> sink, int capacity) {
        this.deployment = deployment;
        this.client = client;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.writer = new Thread(this::deliver, "feed-" + deployment + "-" + client);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues {@code event} for the client; a full queue detaches it instead of waiting. */
    public void offer(DeploymentEvent event) {
        if (detached != null) {
            return;
        }
        // One slot is kept for CLOSE, so that close() always gets through.
        if (queue.remainingCapacity() <= 1 || !queue.offer(event)) {
            detach("it fell " + queue.size() + " events behind");
        }
    }

    /** Waits up to {@code timeout} for the queued events to reach the client, then stops. True when all did. */
    public boolean close(Duration timeout) {
        queue.offer(CLOSE);
        try {
            writer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            detach("it took longer than " + timeout.toSeconds() + " s to take the last events");
            writer.interrupt();
            return false;
        }
        return detached == null;
    }

    /** Why the client was detached, or null while it keeps up. */
    public String detachedBecause() {
        return detached;
    }

    private void deliver() {
        try {
            while (true) {
                DeploymentEvent event = queue.poll(1, TimeUnit.DAYS);
                if (event == CLOSE || detached != null) {
                    return;
                }
                if (event != null) {
                    sink.accept(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            detach("writing to it failed (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    private synchronized void detach(String why) {
        if (detached == null) {
            detached = why;
            queue.clear();
            queue.offer(CLOSE);
            LOG.warn("deployment={} client={} detached: {}; the deployment carries on without it", deployment, client, why);
        }
    }
}
