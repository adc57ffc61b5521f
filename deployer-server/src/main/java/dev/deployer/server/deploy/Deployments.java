package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.DeploymentKind;
import dev.deployer.api.DeploymentStatus;
import dev.deployer.api.DeploymentSummary;
import dev.deployer.api.ReleaseStatus;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.errors.NotFound;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.HostTarget;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts deployments, one per app at a time, and carries each through: prepare a release,
 * roll it out, record the outcome. Deploy, rollback and config changes all come through here.
 */
public class Deployments {
    private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);

    private final AppService apps;
    private final Function<String, HostTarget> hosts;
    private final ReleaseDao releases;
    private final DeploymentDao dao;
    private final DeploymentEvents events;
    private final RollingDeploy rolling;
    private final ConfigVars configVars;
    private final Retention retention;
    private final ExecutorService runner;
    private final Clock clock;
    private static final java.time.Duration FEED_DRAIN = java.time.Duration.ofSeconds(10);
    private final AppLocks locks;
    private final WaitingTurns waiting;
    private final Map<Long, DeploymentRun> runs = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile DeploymentObserver observer = DeploymentObserver.NONE;

    public Deployments(AppService apps, Function<String, HostTarget> hosts, ReleaseDao releases, DeploymentDao dao,
                       DeploymentEvents events, RollingDeploy rolling, ConfigVars configVars, Retention retention,
                       ExecutorService runner, AppLocks locks, Clock clock) {
        this.apps = apps;
        this.hosts = hosts;
        this.releases = releases;
        this.dao = dao;
        this.events = events;
        this.rolling = rolling;
        this.configVars = configVars;
        this.retention = retention;
        this.runner = runner;
        this.locks = locks;
        this.waiting = new WaitingTurns(locks);
        this.clock = clock;
    }

    /** Who is told of each deployment's start, steps and end (one observer, guarded; {@link DeploymentObserver#all} for several). */
    public void observe(DeploymentObserver observer) {
        this.observer = GuardedObserver.of(observer);
    }

    /** Starts in the background; 409 when the app is busy and the caller would not wait. Waiting holds no thread. */
    public DeploymentInfo start(App app, DeploymentRun run, String actor, boolean wait) {
        requireHosts(app);
        boolean locked = locks.tryAcquire(app.id());
        if (!locked && !wait) {
            throw new Conflict("app " + app.name() + " is already being deployed by deployment "
                    + locks.holder(app.id()).filter(id -> id > 0).map(String::valueOf).orElse("(starting)")
                    + "; wait for it to end, or ask to wait (--wait)");
        }
        long id;
        try {
            id = dao.insert(app.id(), run.kind().value(), run.ref(), actor, locks.owner(), clock.instant());
        } catch (RuntimeException e) {
            if (locked) {
                locks.release(app.id());
            }
            throw e;
        }
        runs.put(id, run);
        if (locked) {
            locks.holdBy(app.id(), id);
            launch(id, app.id(), app.name());
        } else {
            waiting.add(app.id(), id);
        }
        return info(id);
    }

    /**
     * Hands a deployment that holds its app's lock to a deployment thread. The lock goes when it ends, before its event
     * stream ends: whoever followed it to the end may deploy again at once (it got a 409 for a few milliseconds before).
     */
    private void launch(long id, long appId, String appName) {
        DeploymentRun run = runs.remove(id);
        try {
            runner.submit(() -> {
                // Once only: a second release would free a lock the app's next deployment has taken since.
                AtomicBoolean freed = new AtomicBoolean();
                Runnable free = () -> {
                    if (freed.compareAndSet(false, true)) {
                        locks.release(appId);
                    }
                };
                try {
                    App current = apps.find(appName).orElse(null);
                    if (current == null || run == null) {
                        end(id, appName, null, DeploymentStatus.FAILED,
                                "app " + appName + " was deleted while this deployment waited", free);
                    } else {
                        execute(id, current, run, free);
                    }
                } finally {
                    free.run();
                }
            });
        } catch (RuntimeException rejected) {
            locks.release(appId);
            end(id, appName, null, DeploymentStatus.FAILED, "the server is stopping: the deployment did not start", () -> {});
        }
    }

    /** Every tick: waiting deployments of free apps start. */
    private void tick() {
        waiting.tick(id -> {
            DeploymentDao.Row row = dao.find(id).orElseThrow();
            launch(id, row.appId(), row.app());
        });
    }

    /**
     * What a caller does while it holds the app, around a deployment run in its own thread: a git push checks that
     * its branch did not move while it waited, and moves the branch only once its release went live.
     */
    public interface Holding {
        /** Before anything is recorded; throw {@link IllegalStateException} to refuse (no deployment is made). */
        default void before() {}

        /** After the deployment succeeded, still holding the app; a throw here is logged, never reverts. */
        default void succeeded(DeploymentInfo done) {}
    }

    /** Runs in the caller's thread, waiting its turn: a git push follows its deployment this way. */
    public DeploymentInfo runNow(App app, DeploymentRun run, String actor, Consumer<DeploymentEvent> listener)
            throws InterruptedException {
        return runNow(app, run, actor, listener, new Holding() {});
    }

    public DeploymentInfo runNow(App app, DeploymentRun run, String actor, Consumer<DeploymentEvent> listener, Holding holding)
            throws InterruptedException {
        requireHosts(app);
        locks.acquire(app.id());
        try {
            holding.before();
            long id = dao.insert(app.id(), run.kind().value(), run.ref(), actor, locks.owner(), clock.instant());
            locks.holdBy(app.id(), id);
            ClientFeed feed = events.listen(id, "git-push", listener);
            try {
                // The app stays held until the branch moved (below): a git push frees it only when it returns.
                execute(id, app, run, () -> {});
            } finally {
                // The caller writes its own last lines next: every event must have reached its client first.
                feed.close(FEED_DRAIN);
            }
            DeploymentInfo done = info(id);
            if (DeploymentStatus.SUCCEEDED.is(done.status())) {
                try {
                    holding.succeeded(done);
                } catch (RuntimeException e) {
                    LOG.error("deployment={} app={} succeeded, but what its caller does after failed: {}", id, app.name(),
                            e.getMessage());
                }
            }
            return done;
        } finally {
            locks.release(app.id());
        }
    }

    public DeploymentInfo info(long id) {
        DeploymentDao.Row row = dao.find(id).orElseThrow(() -> new NotFound("no deployment " + id));
        return new DeploymentInfo(row.id(), row.app(), row.version(), row.kind(), row.ref(), row.status(), row.reason(),
                row.createdBy(), row.startedAt(), row.finishedAt(), dao.hosts(id));
    }

    /** The app's deployments older than {@code before} (null: from the newest), newest first, at most {@code limit}. */
    public List<DeploymentSummary> page(App app, int limit, Long before) {
        return dao.page(app.id(), before == null ? Long.MAX_VALUE : before, limit).stream()
                .map(row -> new DeploymentSummary(row.id(), row.app(), row.version(), row.kind(), row.ref(), row.status(),
                        row.reason(), row.createdBy(), row.startedAt(), row.finishedAt()))
                .toList();
    }

    /** True while a deployment of the app runs or waits for its turn. */
    public boolean busy(App app) {
        return locks.holder(app.id()).isPresent() || waiting.has(app.id());
    }

    public Optional<Release> current(App app) {
        return dao.currentReleaseId(app.id()).flatMap(releases::find);
    }

    /**
     * At start: deployments of an earlier life of this server, and those of any server whose heartbeat stopped,
     * are marked interrupted; deployments another live server runs are left alone. Then the ticks begin.
     */
    public void startTicking(ScheduledExecutorService ticker) {
        locks.releaseAllOfMine();
        markInterrupted(dao.orphanedAtStart(locks.owner(), clock.instant().minus(AppLocks.LEASE)));
        ticker.scheduleWithFixedDelay(this::tickQuietly, 250, 250, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(() -> {
            locks.heartbeat();
            try {
                markInterrupted(dao.orphanedOfOthers(locks.owner(), clock.instant().minus(AppLocks.LEASE)));
            } catch (RuntimeException e) {
                LOG.warn("deployments of stopped servers could not be marked this time: {}", e.getMessage());
            }
        }, 0, AppLocks.HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("waiting deployments could not be started this tick: {}", e.getMessage());
        }
    }

    private void markInterrupted(List<DeploymentDao.Row> orphaned) {
        for (DeploymentDao.Row row : orphaned) {
            dao.finish(row.id(), DeploymentStatus.INTERRUPTED.value(), "the server running this deployment stopped; "
                    + "`deployer status " + row.app() + "` shows what each host runs", clock.instant());
            if (row.releaseId() != null) {
                releases.setStatus(row.releaseId(), ReleaseStatus.INTERRUPTED.value());
            }
            LOG.warn("deployment={} app={} was running when its server stopped: marked interrupted", row.id(), row.app());
        }
    }

    /**
     * Carries one deployment through and always ends it: whatever is thrown, the rollout has reverted what it
     * touched, and the deployment is recorded as finished (best-effort, bounded) before this returns.
     */
    private void execute(long id, App app, DeploymentRun run, Runnable beforeStreamEnds) {
        long started = System.nanoTime();
        StepLog log = new StepLog(events, id, app.name(), observer);
        Release release = null;
        DeploymentStatus status = DeploymentStatus.FAILED;
        String reason = "the deployment ended without a result";
        try {
            dao.setStatus(id, (run.kind() == DeploymentKind.DEPLOY ? DeploymentStatus.BUILDING : DeploymentStatus.PREPARING)
                    .value());
            DeploymentRun.Prepared prepared = run.prepare(app, log);
            release = prepared.release();
            dao.setRelease(id, release.id());
            dao.setStatus(id, DeploymentStatus.DEPLOYING.value());
            tell(id, app, run, "started", release, null, null);
            Optional<Release> previous = current(app);
            Map<String, Secret> previousConfig = previous.<Map<String, Secret>>map(r -> configVars.openSnapshot(r.configSnapshot()))
                    .orElse(Map.of());
            List<HostTarget> targets = app.hosts().stream().map(hosts).toList();
            RolloutPlan plan = new RolloutPlan(id, app, targets, release, prepared.config(), prepared.artifact(), previous,
                    previousConfig, prepared.releasePhase());
            int uploads = rolling.run(plan, log);
            status = DeploymentStatus.SUCCEEDED;
            reason = release.label() + " is current on " + targets.size() + " host(s); artifact uploaded to " + uploads;
            housekeeping(id, app, () -> retention.apply(plan, log));
        } catch (StepFailure e) {
            reason = e.summary();
        } catch (RuntimeException e) {
            LOG.error("deployment={} app={} failed unexpectedly", id, app.name(), e);
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        } catch (Error e) {
            reason = "the server failed: " + e;
            throw e;
        } finally {
            keepOutput(id, app, log.output());
            end(id, app.name(), release, status, reason, beforeStreamEnds);
            tell(id, app, run, status.value(), release, reason, java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Hands one moment to the observer; nothing it does (or throws) reaches the deployment. */
    private void tell(long id, App app, DeploymentRun run, String phase, Release release, String reason,
                      java.time.Duration took) {
        try {
            String who = dao.find(id).map(DeploymentDao.Row::createdBy).orElse(null);
            observer.observed(new DeploymentObserver.Notice(id, app.name(), run.kind().value(), phase,
                    release == null ? null : release.version(), release == null ? null : release.commitSha(), who, reason,
                    took));
        } catch (RuntimeException e) {
            LOG.warn("deployment={} app={} could not be told to its observers ({}); the deployment is not affected", id,
                    app.name(), e.getMessage());
        }
    }

    /**
     * The outcome, recorded as well as it can be: a failure to store it is logged, and the stream still ends. The
     * "finished" event is stored before the deployment is marked finished, so whoever sees it finished finds that event.
     */
    private void end(long id, String app, Release release, DeploymentStatus status, String reason, Runnable beforeStreamEnds) {
        events.emit(id, app, null, "finished", status == DeploymentStatus.SUCCEEDED ? "ok" : "failed", null,
                status.value() + ": " + reason);
        try {
            if (release != null) {
                releases.setStatus(release.id(),
                        (status == DeploymentStatus.SUCCEEDED ? ReleaseStatus.SUCCEEDED : ReleaseStatus.FAILED).value());
            }
            dao.finish(id, status.value(), reason, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("deployment={} app={} ended {} but could not be recorded ({}): reason was: {}", id, app, status,
                    e.getMessage(), reason);
            finishQuietly(id, status);
        }
        try {
            beforeStreamEnds.run();
        } finally {
            events.end(id);
        }
    }

    /** The build output's last 2 MiB, for reading after the deployment ended; best-effort. */
    private void keepOutput(long id, App app, OutputTail output) {
        if (output.totalLines() == 0) {
            return;
        }
        try {
            dao.insertOutput(id, output.text(), output.totalChars(), output.totalLines());
        } catch (RuntimeException e) {
            LOG.warn("deployment={} app={} build output could not be stored: {}", id, app, e.getMessage());
        }
    }

    /** The kept build output of a deployment (empty text when it had none). */
    public DeploymentDao.Output output(long id) {
        info(id);
        return dao.output(id).orElse(new DeploymentDao.Output("", 0, 0));
    }

    /** A last try with a short reason, so the deployment is not left unfinished until a restart. */
    private void finishQuietly(long id, DeploymentStatus status) {
        try {
            dao.finish(id, status.value(), "the outcome could not be recorded in full; the server log has it", clock.instant());
        } catch (RuntimeException e) {
            LOG.error("deployment={} could not be marked {}: {}", id, status, e.getMessage());
        }
    }

    /** After success: housekeeping never turns a good deployment into a failed one. */
    private static void housekeeping(long id, App app, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("deployment={} app={} housekeeping after success failed: {}", id, app.name(), e.getMessage());
        }
    }

    private static void requireHosts(App app) {
        if (app.hosts().isEmpty()) {
            throw new InvalidInput("app " + app.name() + " has no hosts: add some with `deployer apps update "
                    + app.name() + " --hosts h1,h2`");
        }
    }
}
