package dev.deployer.server.git;

import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.deploy.Deployments;
import dev.deployer.server.deploy.ReleaseFlow;
import dev.deployer.server.repos.AppRepositories;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apps with a repo URL are watched: polled on an interval and woken by webhooks. A new commit on
 * the tracked branch is built and deployed once, even when a poll and a webhook see it together.
 */
public class RepoWatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(RepoWatcher.class);

    private final AppService apps;
    private final AppRepositories repositories;
    private final ReleaseFlow flow;
    private final Deployments deployments;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    /** The newest commit of each app's branch that a deployment was started for. */
    private final Map<String, String> started = new ConcurrentHashMap<>();

    public RepoWatcher(AppService apps, AppRepositories repositories, ReleaseFlow flow, Deployments deployments,
                       ScheduledExecutorService scheduler, Duration interval) {
        this.apps = apps;
        this.repositories = repositories;
        this.flow = flow;
        this.deployments = deployments;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this::pollAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A webhook said the app's repository changed: look now, in the background. */
    public void wake(String app) {
        scheduler.execute(() -> check(app, "webhook"));
    }

    private void pollAll() {
        for (App app : apps.list()) {
            if (app.repoUrl() != null) {
                check(app.name(), "poll");
            }
        }
    }

    /** Fetches and, when the branch moved to a commit not deployed yet, deploys it. Returns the deployment started, if any. */
    public Optional<Long> check(String name, String trigger) {
        synchronized (lockFor(name)) {
            try {
                App app = apps.require(name);
                if (app.repoUrl() == null) {
                    return Optional.empty();
                }
                repositories.fetch(app.name(), app.repoUrl());
                Optional<String> head = repositories.resolve(app.name(), app.branch());
                // Leave alone: a commit the watcher already started, a commit any release was made from (by hand, a
                // push, a failed try: no retry loop; and a rollback away from it must stay rolled back), and any app
                // busy deploying (the next poll looks again).
                if (head.isEmpty() || head.get().equals(started.get(app.name())) || deployments.busy(app)
                        || flow.history(app).stream().map(ReleaseInfo::commit).anyMatch(head.get()::equals)) {
                    return Optional.empty();
                }
                started.put(app.name(), head.get());
                LOG.info("watch app={} trigger={} branch={} moved to commit={}: deploying", app.name(), trigger, app.branch(),
                        head.get());
                return Optional.of(deployments.start(app, flow.build(head.get(), "watcher"), "watcher (" + trigger + ")", true).id());
            } catch (RuntimeException e) {
                LOG.warn("watch app={} trigger={} failed: {}", name, trigger, e.getMessage());
                return Optional.empty();
            }
        }
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object lockFor(String app) {
        return locks.computeIfAbsent(app, a -> new Object());
    }
}
