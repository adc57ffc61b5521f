package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.config.Secret;
import dev.deployer.server.hosts.HostTarget;
import dev.deployer.server.http.ApiProblem;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseDao;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
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
    private final AppLocks locks = new AppLocks();

    public Deployments(AppService apps, Function<String, HostTarget> hosts, ReleaseDao releases, DeploymentDao dao,
                       DeploymentEvents events, RollingDeploy rolling, ConfigVars configVars, Retention retention,
                       ExecutorService runner, Clock clock) {
        this.apps = apps;
        this.hosts = hosts;
        this.releases = releases;
        this.dao = dao;
        this.events = events;
        this.rolling = rolling;
        this.configVars = configVars;
        this.retention = retention;
        this.runner = runner;
        this.clock = clock;
    }

    /** Starts in the background; 409 when the app is busy and the caller would not wait. */
    public DeploymentInfo start(App app, DeploymentRun run, String actor, boolean wait) {
        requireHosts(app);
        boolean locked = locks.tryAcquire(app.name());
        if (!locked && !wait) {
            throw ApiProblem.conflict("app " + app.name() + " is already being deployed by deployment "
                    + locks.holder(app.name()).map(String::valueOf).orElse("(starting)")
                    + "; wait for it to end, or ask to wait (--wait)");
        }
        long id = dao.insert(app.id(), run.kind(), run.ref(), actor, clock.instant());
        if (locked) {
            locks.holdBy(app.name(), id);
        }
        runner.submit(() -> {
            try {
                if (!locked) {
                    locks.acquire(app.name());
                    locks.holdBy(app.name(), id);
                }
                execute(id, apps.require(app.name()), run);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                locks.release(app.name());
            }
        });
        return info(id);
    }

    /** Runs in the caller's thread, waiting its turn: a git push follows its deployment this way. */
    public DeploymentInfo runNow(App app, DeploymentRun run, String actor, Consumer<DeploymentEvent> listener)
            throws InterruptedException {
        requireHosts(app);
        locks.acquire(app.name());
        try {
            long id = dao.insert(app.id(), run.kind(), run.ref(), actor, clock.instant());
            locks.holdBy(app.name(), id);
            events.listen(id, listener);
            execute(id, app, run);
            return info(id);
        } finally {
            locks.release(app.name());
        }
    }

    public DeploymentInfo info(long id) {
        DeploymentDao.Row row = dao.find(id).orElseThrow(() -> ApiProblem.notFound("no deployment " + id));
        return new DeploymentInfo(row.id(), row.app(), row.version(), row.kind(), row.ref(), row.status(), row.reason(),
                row.createdBy(), row.startedAt(), row.finishedAt(), dao.hosts(id));
    }

    /** True while a deployment of the app runs or waits for its turn. */
    public boolean busy(App app) {
        return locks.holder(app.name()).isPresent();
    }

    public Optional<Release> current(App app) {
        return dao.currentReleaseId(app.id()).flatMap(releases::find);
    }

    /** After a crash: deployments that were running are marked interrupted, nothing recorded is dropped. */
    public void markInterrupted() {
        for (DeploymentDao.Row row : dao.unfinished()) {
            dao.finish(row.id(), "interrupted", "the server stopped during this deployment; `deployer status "
                    + row.app() + "` shows what each host runs", clock.instant());
            if (row.releaseId() != null) {
                releases.setStatus(row.releaseId(), "interrupted");
            }
            LOG.warn("deployment={} app={} was running when the server stopped: marked interrupted", row.id(), row.app());
        }
    }

    private void execute(long id, App app, DeploymentRun run) {
        StepLog log = new StepLog(events, id, app.name());
        Release release = null;
        try {
            dao.setStatus(id, run.kind().equals("deploy") ? "building" : "preparing");
            DeploymentRun.Prepared prepared = run.prepare(app, log);
            release = prepared.release();
            dao.setRelease(id, release.id());
            dao.setStatus(id, "deploying");
            Optional<Release> previous = current(app);
            Map<String, Secret> previousConfig = previous.<Map<String, Secret>>map(r -> configVars.openSnapshot(r.configSnapshot()))
                    .orElse(Map.of());
            List<HostTarget> targets = app.hosts().stream().map(hosts).toList();
            RolloutPlan plan = new RolloutPlan(id, app, targets, release, prepared.config(), prepared.artifact(), previous,
                    previousConfig);
            int uploads = rolling.run(plan, log);
            releases.setStatus(release.id(), Release.SUCCEEDED);
            retention.apply(plan, log);
            finish(id, app, "succeeded", release.label() + " is current on " + targets.size() + " host(s); artifact uploaded to "
                    + uploads);
        } catch (StepFailure e) {
            failed(id, app, release, e.summary());
        } catch (RuntimeException e) {
            LOG.error("deployment={} app={} failed unexpectedly", id, app.name(), e);
            failed(id, app, release, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            events.end(id);
        }
    }

    private void failed(long id, App app, Release release, String reason) {
        if (release != null) {
            releases.setStatus(release.id(), Release.FAILED);
        }
        finish(id, app, "failed", reason);
    }

    private void finish(long id, App app, String status, String reason) {
        dao.finish(id, status, reason, clock.instant());
        events.emit(id, app.name(), null, "finished", status.equals("succeeded") ? "ok" : "failed", null, status + ": " + reason);
    }

    private static void requireHosts(App app) {
        if (app.hosts().isEmpty()) {
            throw ApiProblem.badRequest("app " + app.name() + " has no hosts: add some with `deployer apps update "
                    + app.name() + " --hosts h1,h2`");
        }
    }
}
