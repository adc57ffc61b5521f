package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
import dev.deployer.api.AppStatus;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.build.Builder;
import dev.deployer.server.config.ConfigChangeListener;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.NotFound;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.repos.AppRepositories;
import dev.deployer.server.build.Formation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What a user asks of releases, in one place: deploy a ref, roll back, restart with new config,
 * read history and status. Builds the right {@link DeploymentRun} and hands it to {@link Deployments}.
 */
public class ReleaseFlow implements ConfigChangeListener {
    private final AppService apps;
    private final Deployments deployments;
    private final ReleaseService releases;
    private final ConfigVars configVars;
    private final ArtifactStore artifacts;
    private final AppRepositories repositories;
    private final Builder builder;
    private final AppStatusReader statusReader;

    public ReleaseFlow(AppService apps, Deployments deployments, ReleaseService releases, ConfigVars configVars,
                       ArtifactStore artifacts, AppRepositories repositories, Builder builder, AppStatusReader statusReader) {
        this.apps = apps;
        this.deployments = deployments;
        this.releases = releases;
        this.configVars = configVars;
        this.artifacts = artifacts;
        this.repositories = repositories;
        this.builder = builder;
        this.statusReader = statusReader;
    }

    /** The app named in a request path (its name checked where it entered): 404 for no such app. */
    public App app(AppName name) {
        return apps.require(name);
    }

    public DeploymentInfo deploy(App app, String ref, Caller caller, boolean wait) {
        return deployments.start(app, build(ref, caller.name()), caller.name(), wait);
    }

    /** The run for a build of {@code ref} (null: the app's branch), fetched first from the app's repo URL if it has one. */
    public DeploymentRun build(String ref, String actor) {
        return new BuildRun(repositories, builder, releases, configVars, ref, true, actor, deployments::current);
    }

    /** The run for a commit that a git push just brought: what the push hands to {@link Deployments#runNow}. */
    public DeploymentRun pushed(String commit, String actor) {
        return new BuildRun(repositories, builder, releases, configVars, commit, false, actor, deployments::current);
    }

    /** A rollback started: its deployment, and the release it copies (named in the audit entry). */
    public record RollbackStarted(DeploymentInfo deployment, Release source) {}

    public RollbackStarted rollback(App app, Integer version, Caller caller, boolean wait) {
        return rollback(app, version, caller, wait, false);
    }

    /** {@code runRelease}: run the copied release's release phase again (a rollback does not by default). */
    public RollbackStarted rollback(App app, Integer version, Caller caller, boolean wait, boolean runRelease) {
        Release current = deployments.current(app).orElseThrow(() ->
                new Conflict("app " + app.name() + " has no current release to roll back from"));
        Release source = version == null
                ? releases.lastGoodBefore(app, current.version()).orElseThrow(() -> new Conflict(
                        "app " + app.name() + " has no good release before " + current.label() + "; name a version"))
                : releases.version(app, version).orElseThrow(() -> new NotFound(
                        "app " + app.name() + " has no release v" + version));
        DeploymentInfo started = deployments.start(app,
                new RollbackRun(releases, configVars, artifacts, source, caller.name(), runRelease), caller.name(), wait);
        return new RollbackStarted(started, source);
    }

    /** Scaling: a new release copying the current one with {@code counts} applied to its formation, deployed. */
    public DeploymentInfo scale(App app, Map<String, Integer> counts, Caller caller, boolean wait) {
        Release current = deployments.current(app).orElseThrow(() ->
                new Conflict("app " + app.name() + " has no current release to scale: deploy it first"));
        Formation formation = ScaleRun.formation(current, counts);
        return deployments.start(app, new ScaleRun(releases, configVars, artifacts, current, formation, counts, caller.name()),
                caller.name(), wait);
    }

    @Override
    public Optional<DeploymentInfo> configChanged(App app, Caller caller, SortedSet<String> changedKeys, boolean restart) {
        if (!restart) {
            return Optional.empty();
        }
        return deployments.current(app).map(current -> deployments.start(app,
                new ConfigRun(releases, configVars, artifacts, current, changedKeys, caller.name()), caller.name(), true));
    }

    public List<ReleaseInfo> history(App app) {
        return releases.history(app, deployments.current(app));
    }

    public AppStatus status(App app) {
        return statusReader.read(app, deployments.current(app));
    }
}
