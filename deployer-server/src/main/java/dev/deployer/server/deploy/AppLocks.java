package dev.deployer.server.deploy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One deployment per app at a time, across every server process on one database: the lock is a row
 * (see V7), refreshed by its owner's heartbeat and free for the taking once its lease ran out.
 */
public class AppLocks {
    private static final Logger LOG = LoggerFactory.getLogger(AppLocks.class);
    /** A lock nobody refreshed for this long belongs to a server that is gone. */
    public static final Duration LEASE = Duration.ofSeconds(30);
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);

    private final AppLockDao dao;
    private final String owner;
    private final Clock clock;

    public AppLocks(AppLockDao dao, String owner, Clock clock) {
        this.dao = dao;
        this.owner = owner;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    public boolean tryAcquire(long appId) {
        return dao.tryLock(appId, owner, clock.instant(), clock.instant().minus(LEASE));
    }

    /** Waits for the app's turn; only the caller's own thread waits, polling the database. */
    public void acquire(long appId) throws InterruptedException {
        while (!tryAcquire(appId)) {
            Thread.sleep(POLL.toMillis());
        }
    }

    public void holdBy(long appId, long deployment) {
        dao.holdBy(appId, owner, deployment);
    }

    /** The deployment holding the app (0 while it is being made), when one does. */
    public Optional<Long> holder(long appId) {
        return dao.holder(appId, clock.instant().minus(LEASE));
    }

    /** Never throws: a lock that cannot be deleted now expires with its lease once this server stops refreshing it. */
    public void release(long appId) {
        try {
            dao.release(appId, owner);
        } catch (RuntimeException e) {
            LOG.error("app lock app_id={} could not be released ({}): it frees itself {} s after this server stops",
                    appId, e.getMessage(), LEASE.toSeconds());
        }
    }

    /** Tells the database this server is alive: its locks and running deployments stay its own. */
    public void heartbeat() {
        try {
            dao.heartbeat(owner, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("heartbeat of deployments owned by {} failed: {}", owner, e.getMessage());
        }
    }

    /** At start: whatever an earlier life of this same server held is free now. */
    public void releaseAllOfMine() {
        int released = dao.releaseAll(owner);
        if (released > 0) {
            LOG.info("released {} app lock(s) held before this server restarted", released);
        }
    }
}
