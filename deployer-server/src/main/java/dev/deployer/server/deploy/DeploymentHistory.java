package dev.deployer.server.deploy;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the deployment history from growing without end: every few hours, deployments that finished
 * more than {@code retention} ago are deleted with their events, in small batches. Always kept:
 * each app's newest successful deployment (it names the current release) and the deployments of
 * its newest {@link #RECENT_RELEASES} releases. Releases themselves are never deleted here.
 */
public class DeploymentHistory implements Managed {
    static final int RECENT_RELEASES = 10;
    static final Duration EVERY = Duration.ofHours(6);
    private static final int BATCH = 500;
    /** At most this many rows per run: a first run on a huge history finishes over a few runs instead of one long one. */
    private static final int MAX_PER_RUN = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentHistory.class);

    private final DeploymentHistoryDao dao;
    private final Duration retention;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    public DeploymentHistory(DeploymentHistoryDao dao, Duration retention, ScheduledExecutorService scheduler, Clock clock) {
        this.dao = dao;
        this.retention = retention;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this::runQuietly, 5, EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    /** Deletes what has expired; returns how many deployments went. */
    public int prune() {
        Instant before = clock.instant().minus(retention);
        int deleted = 0;
        while (deleted < MAX_PER_RUN) {
            List<Long> ids = dao.expired(before, RECENT_RELEASES, BATCH);
            if (ids.isEmpty()) {
                break;
            }
            deleted += dao.delete(ids);
        }
        return deleted;
    }

    /** A scheduled task that throws is never run again: a failed run is logged and the next one tries anew. */
    private void runQuietly() {
        try {
            int deleted = prune();
            if (deleted > 0) {
                LOG.info("deployment history pruned deployments={} olderThanDays={}", deleted, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("pruning the deployment history failed, next try in {} hours: {}", EVERY.toHours(), e.toString());
        }
    }
}
