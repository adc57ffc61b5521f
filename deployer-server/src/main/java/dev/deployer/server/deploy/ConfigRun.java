package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.secrets.Secret;
import java.util.Map;
import java.util.Set;

/** A config change: a new release with the current artifact and the new config snapshot, then a restart. */
public class ConfigRun implements DeploymentRun {
    private final ReleaseService releases;
    private final ConfigVars configVars;
    private final ArtifactStore artifacts;
    private final Release current;
    private final Set<String> changedKeys;
    private final String actor;

    public ConfigRun(ReleaseService releases, ConfigVars configVars, ArtifactStore artifacts, Release current,
                     Set<String> changedKeys, String actor) {
        this.releases = releases;
        this.configVars = configVars;
        this.artifacts = artifacts;
        this.current = current;
        this.changedKeys = changedKeys;
        this.actor = actor;
    }

    @Override
    public String kind() {
        return "config";
    }

    @Override
    public Prepared prepare(App app, StepLog log) {
        Map<String, Secret> config = configVars.current(app.id());
        Release release = releases.create(app, current.commitSha(), current.artifactSha256(), current.artifactSize(), config,
                "config change" + (changedKeys.isEmpty() ? "" : ": " + String.join(", ", changedKeys)), actor);
        log.note(null, "release", "created " + release.label() + " with the artifact of " + current.label() + " and new config");
        return new Prepared(release, config, artifacts.file(release.artifactSha256()).orElse(null));
    }
}
