package dev.deployer.server.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments waiting for their app's turn (`--wait`). They hold no thread: each {@link #tick} hands
 * the oldest waiting deployment of every free app to {@code start}, with the app's lock taken for it.
 */
final class WaitingTurns {
    private static final Logger LOG = LoggerFactory.getLogger(WaitingTurns.class);

    private final AppLocks locks;
    private final Map<Long, Deque<Long>> byApp = new ConcurrentHashMap<>();

    WaitingTurns(AppLocks locks) {
        this.locks = locks;
    }

    void add(long appId, long deployment) {
        Deque<Long> queue = byApp.computeIfAbsent(appId, id -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addLast(deployment);
        }
    }

    boolean has(long appId) {
        Deque<Long> queue = byApp.get(appId);
        if (queue == null) {
            return false;
        }
        synchronized (queue) {
            return !queue.isEmpty();
        }
    }

    /** Starts what can start now; {@code start} gets the deployment id and must release the lock when it ends. */
    void tick(LongConsumer start) {
        for (Map.Entry<Long, Deque<Long>> entry : byApp.entrySet()) {
            long appId = entry.getKey();
            Deque<Long> queue = entry.getValue();
            Long next;
            synchronized (queue) {
                if (queue.isEmpty() || !locks.tryAcquire(appId)) {
                    continue;
                }
                next = queue.pollFirst();
            }
            locks.holdBy(appId, next);
            try {
                start.accept(next);
            } catch (RuntimeException e) {
                LOG.error("deployment={} could not start after waiting: {}", next, e.getMessage());
                locks.release(appId);
            }
        }
    }
}
