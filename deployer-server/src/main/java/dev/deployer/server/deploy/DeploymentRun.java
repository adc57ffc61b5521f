package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentKind;
import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.secrets.Secret;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one deployment does before the rollout: build (deploy), copy an old release (rollback)
 * or re-snapshot config (config). Returns the release to roll out and where its artifact is.
 */
public interface DeploymentRun {
    Prepared prepare(App app, StepLog log);

    /** Stored as the deployment's kind. */
    DeploymentKind kind();

    /** The ref asked for, when there is one. */
    default String ref() {
        return null;
    }

    /** {@code releasePhase}: the release's {@code release} process runs before anything switches (a new build, a config change, asked). */
    record Prepared(Release release, Map<String, Secret> config, Path artifact, boolean releasePhase) {
        public Prepared(Release release, Map<String, Secret> config, Path artifact) {
            this(release, config, artifact, false);
        }
    }
}
