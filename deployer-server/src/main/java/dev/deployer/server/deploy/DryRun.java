package dev.deployer.server.deploy;

import dev.deployer.api.DeployPlan;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.Artifact;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.build.BuildFailure;
import dev.deployer.server.build.BuildSpec;
import dev.deployer.server.build.CronTable;
import dev.deployer.server.build.Builder;
import dev.deployer.server.build.Formation;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.errors.NotFound;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.repos.AppRepositories;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deploy --dry-run}: what a deploy of a ref would do, with nothing changed on any host and no release or
 * deployment recorded. The ref is resolved as a deploy resolves it; the commit's artifact is reused, or built now within
 * {@link #BUILD_LIMIT} (a build touches no host, and the real deploy then reuses it); each host is read in parallel
 * within {@link #HOST_LIMIT} by {@link HostPlanner}. Everything fits in the CLI's 60 s request timeout.
 */
public class DryRun {
    private static final Logger LOG = LoggerFactory.getLogger(DryRun.class);
    static final Duration BUILD_LIMIT = Duration.ofSeconds(40);
    static final Duration HOST_LIMIT = Duration.ofSeconds(15);

    private final AppRepositories repositories;
    private final Builder builder;
    private final ArtifactStore artifacts;
    private final ReleaseService releases;
    private final ConfigVars configVars;
    private final Function<App, Optional<Release>> current;
    private final Function<String, HostTarget> hosts;
    private final HostPlanner planner;
    private final ExecutorService workers;

    DryRun(AppRepositories repositories, Builder builder, ArtifactStore artifacts, ReleaseService releases, ConfigVars configVars,
           Function<App, Optional<Release>> current, Function<String, HostTarget> hosts, HostPlanner planner, ExecutorService workers) {
        this.repositories = repositories;
        this.builder = builder;
        this.artifacts = artifacts;
        this.releases = releases;
        this.configVars = configVars;
        this.current = current;
        this.hosts = hosts;
        this.planner = planner;
        this.workers = workers;
    }

    /** The server's wiring: the same rollout pieces a deploy uses, for their read-only parts. */
    public DryRun(AppRepositories repositories, Builder builder, ArtifactStore artifacts, ReleaseService releases, ConfigVars configVars,
                  Deployments deployments, Function<String, HostTarget> hosts, dev.deployer.server.ssh.HostAccess ssh,
                  SlotRollout slots, DeltaTransfer delta, ExecutorService workers) {
        this(repositories, builder, artifacts, releases, configVars, deployments::current, hosts, new HostPlanner(ssh, slots, delta),
                workers);
    }

    /** {@code ref} null: the app's branch. */
    public DeployPlan plan(App app, String ref, String actor) {
        if (app.hosts().isEmpty()) {
            throw new InvalidInput("app " + app.name() + " has no hosts: add some with `deployer apps update " + app.name()
                    + " --hosts h1,h2`");
        }
        String wanted = ref == null ? app.branch() : ref;
        String commit = resolve(app, wanted);
        Optional<Artifact> artifact = artifacts.forCommit(app.name(), commit);
        String build = artifact.isPresent() ? "reused" : null;
        if (artifact.isEmpty()) {
            BuildSpec spec = new BuildSpec(app.name(), Optional.ofNullable(app.buildCommand()), Optional.ofNullable(app.artifactPath()),
                    min(Duration.ofSeconds(app.buildTimeoutSeconds()), BUILD_LIMIT));
            try {
                artifact = Optional.of(builder.build(spec, repositories.gitDir(app.name()), commit, line -> {}));
                build = "built";
            } catch (BuildFailure e) {
                build = "needs a build: " + e.getMessage();
            }
        }
        Optional<Procfile> procfile;
        try {
            procfile = builder.procfile(repositories.gitDir(app.name()), commit);
        } catch (BuildFailure e) {
            throw new Conflict("a deploy of " + wanted + " would fail: " + e.getMessage());
        }
        CronTable cron;
        try {
            cron = builder.cron(repositories.gitDir(app.name()), commit);
            cron.checkHosts(app.hosts());
        } catch (BuildFailure | IllegalArgumentException e) {
            throw new Conflict("a deploy of " + wanted + " would fail: " + e.getMessage());
        }
        Formation formation = current.apply(app).map(Release::scale).orElse(Formation.NONE);
        Release target = releases.draft(app, commit, artifact.map(Artifact::sha256).orElse(""), artifact.map(Artifact::size).orElse(0L),
                procfile, formation, cron, actor);
        Map<String, Secret> config = configVars.current(app.id());
        List<DeployPlan.HostPlan> perHost = hostPlans(app, target, config, artifact.isPresent());
        LOG.info("dry run app={} ref={} commit={} build={} hosts={} actor={}", app.name(), wanted, commit.substring(0, 12),
                build.startsWith("needs") ? "needed" : build, perHost.size(), actor);
        return new DeployPlan(app.name(), wanted, commit, build, artifact.map(Artifact::sha256).orElse(null),
                artifact.map(Artifact::size).orElse(null), target.label(), app.strategy(), notes(app, procfile), perHost);
    }

    private String resolve(App app, String wanted) {
        if (app.repoUrl() != null) {
            try {
                repositories.fetch(app.name(), app.repoUrl());
            } catch (RuntimeException e) {
                throw new Conflict(e.getMessage());
            }
        }
        return repositories.resolve(app.name(), wanted).orElseThrow(() -> new NotFound(
                "the app's repository has no ref '" + wanted + "': push it first (git push deployer " + wanted + ")"));
    }

    private List<DeployPlan.HostPlan> hostPlans(App app, Release target, Map<String, Secret> config, boolean built) {
        Map<String, Future<DeployPlan.HostPlan>> running = new LinkedHashMap<>();
        for (String name : app.hosts()) {
            running.put(name, workers.submit(() -> planner.plan(hosts.apply(name), app, target, config, built)));
        }
        long deadline = System.nanoTime() + HOST_LIMIT.toNanos();
        List<DeployPlan.HostPlan> plans = new ArrayList<>();
        for (Map.Entry<String, Future<DeployPlan.HostPlan>> entry : running.entrySet()) {
            try {
                plans.add(entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                entry.getValue().cancel(true);
                plans.add(DeployPlan.HostPlan.failed(entry.getKey(), "no answer within " + HOST_LIMIT.toSeconds() + " s"));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                plans.add(DeployPlan.HostPlan.failed(entry.getKey(), cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.values().forEach(f -> f.cancel(true));
                throw new IllegalStateException("the server is stopping");
            }
        }
        return plans;
    }

    private List<String> notes(App app, Optional<Procfile> procfile) {
        List<String> notes = new ArrayList<>();
        List<List<String>> batches = RollingDeploy.batches(app.hosts().stream().map(hosts).toList(), app.batchSize(), app.canary())
                .stream()
                .map(b -> b.stream().map(HostTarget::name).toList()).toList();
        notes.add("order: " + String.join(", then ", batches.stream().map(b -> String.join(" and ", b)).toList())
                + (app.canary() ? " (the first is the canary; any failure puts every touched host back)"
                        : " (no canary; any failure puts every touched host back)"));
        procfile.flatMap(Procfile::release).ifPresent(release -> notes.add("the Procfile's release command runs once on "
                + app.hosts().get(0) + " before any host switches"));
        return notes;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
