package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentKind;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseService;

/** Rollback: a new release copying an old one. Nothing is built; hosts that still hold the jar get no bytes. */
public class RollbackRun implements DeploymentRun {
    private final ReleaseService releases;
    private final ConfigVars configVars;
    private final ArtifactStore artifacts;
    private final Release source;
    private final String actor;
    private final boolean runRelease;

    /** {@code runRelease}: run the copied release's release phase again (by default a rollback does not). */
    public RollbackRun(ReleaseService releases, ConfigVars configVars, ArtifactStore artifacts, Release source, String actor,
                       boolean runRelease) {
        this.runRelease = runRelease;
        this.releases = releases;
        this.configVars = configVars;
        this.artifacts = artifacts;
        this.source = source;
        this.actor = actor;
    }

    @Override
    public DeploymentKind kind() {
        return DeploymentKind.ROLLBACK;
    }

    @Override
    public Prepared prepare(App app, StepLog log) {
        Release release = releases.copy(app, source, "rollback to " + source.label(), actor);
        log.note(null, "release", "created " + release.label() + " as a copy of " + source.label());
        return new Prepared(release, configVars.openSnapshot(release.configSnapshot()),
                artifacts.file(release.artifactSha256()).orElse(null), runRelease);
    }
}
