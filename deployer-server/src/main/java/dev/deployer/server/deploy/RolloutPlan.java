package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.HostTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a rollout needs, decided before any host is touched: the release to make current,
 * its config, where its artifact is on the server (null when only hosts still have it), and the
 * release to go back to on failure (empty on a first deploy), and whether its release phase runs first.
 */
public record RolloutPlan(long deployment, App app, List<HostTarget> hosts, Release target, Map<String, Secret> config,
                          Path artifact, Optional<Release> previous, Map<String, Secret> previousConfig, boolean releasePhase) {
    public RolloutPlan(long deployment, App app, List<HostTarget> hosts, Release target, Map<String, Secret> config, Path artifact,
                       Optional<Release> previous, Map<String, Secret> previousConfig) {
        this(deployment, app, hosts, target, config, artifact, previous, previousConfig, false);
    }
}
