package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every step of every deployment: stored (so it can be read afterwards) and handed live to
 * whoever follows (SSE clients, a waiting git push). Messages never carry config values.
 */
public class DeploymentEvents {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentEvents.class);
    /** Marks the end of a deployment's stream for live followers. */
    public static final DeploymentEvent END = new DeploymentEvent(-1, -1, null, null, "end", "end", null, "");

    /** Events a client may fall behind before it is detached: a build prints a few thousand lines at most in a burst. */
    static final int FEED_CAPACITY = 20_000;

    private final DeploymentDao dao;
    private final Clock clock;
    private final Map<Long, List<BlockingQueue<DeploymentEvent>>> followers = new ConcurrentHashMap<>();
    private final Map<Long, List<ClientFeed>> feeds = new ConcurrentHashMap<>();

    public DeploymentEvents(DeploymentDao dao, Clock clock) {
        this.dao = dao;
        this.clock = clock;
    }

    /**
     * Records and hands out one event. Never throws: an event that cannot be stored is still logged and
     * handed to followers, because nothing said about a step may change what the step does.
     */
    public DeploymentEvent emit(long deployment, String app, String host, String step, String outcome, Long durationMs,
                                String message) {
        var at = clock.instant();
        long id = -1;
        try {
            id = dao.insertEvent(deployment, at, host, step, outcome, durationMs, message);
        } catch (RuntimeException e) {
            LOG.warn("deployment={} app={} event could not be stored ({}); it is still logged here and sent to followers",
                    deployment, app, e.getMessage());
        }
        DeploymentEvent event = new DeploymentEvent(id, deployment, at, host, step, outcome, durationMs, message);
        if ("output".equals(outcome)) {
            LOG.debug("deployment={} app={} step={} | {}", deployment, app, step, message);
        } else if ("failed".equals(outcome)) {
            LOG.warn("deployment={} app={} host={} step={} failed{}: {}", deployment, app, host == null ? "-" : host, step,
                    durationMs == null ? "" : " after " + durationMs + " ms", message);
        } else {
            LOG.info("deployment={} app={} host={} step={} {}{}: {}", deployment, app, host == null ? "-" : host, step,
                    outcome, durationMs == null ? "" : " in " + durationMs + " ms", message);
        }
        followers.getOrDefault(deployment, List.of()).forEach(queue -> queue.offer(event));
        feeds.getOrDefault(deployment, List.of()).forEach(feed -> feed.offer(event));
        return event;
    }

    /** An event for live followers only, not stored (output beyond what is kept as events). */
    public void live(long deployment, String step, String outcome, String message) {
        DeploymentEvent event = new DeploymentEvent(-1, deployment, clock.instant(), null, step, outcome, null, message);
        followers.getOrDefault(deployment, List.of()).forEach(queue -> queue.offer(event));
        feeds.getOrDefault(deployment, List.of()).forEach(feed -> feed.offer(event));
    }

    /** A queue that receives this deployment's events from now on, then {@link #END}. */
    public BlockingQueue<DeploymentEvent> follow(long deployment) {
        BlockingQueue<DeploymentEvent> queue = new LinkedBlockingQueue<>(10_000);
        followers.computeIfAbsent(deployment, id -> new CopyOnWriteArrayList<>()).add(queue);
        return queue;
    }

    public void unfollow(long deployment, BlockingQueue<DeploymentEvent> queue) {
        List<BlockingQueue<DeploymentEvent>> queues = followers.get(deployment);
        if (queues != null) {
            queues.remove(queue);
        }
    }

    /**
     * Feeds this deployment's events to {@code client} (a git push streaming remote: lines) from a thread of its
     * own, one write at a time; a slow or broken client is detached. Close the feed when the deployment ended.
     */
    public ClientFeed listen(long deployment, String name, Consumer<DeploymentEvent> client) {
        ClientFeed feed = new ClientFeed(deployment, name, client, FEED_CAPACITY);
        feeds.computeIfAbsent(deployment, id -> new CopyOnWriteArrayList<>()).add(feed);
        return feed;
    }

    public List<DeploymentEvent> stored(long deployment, long after) {
        return dao.events(deployment, after);
    }

    /** The deployment ended: release its followers. */
    public void end(long deployment) {
        List<BlockingQueue<DeploymentEvent>> queues = followers.remove(deployment);
        if (queues != null) {
            queues.forEach(queue -> queue.offer(END));
        }
        feeds.remove(deployment);
    }
}
