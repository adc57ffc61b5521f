package dev.deployer.server.config;

import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.apps.App;
import dev.deployer.server.auth.Caller;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Told after an app's config vars changed and were stored. The deploy engine makes a new release
 * (same artifact, new config snapshot) and restarts the app unless {@code restart} is false;
 * before the app's first deploy there is nothing to restart, and storing was all. {@code changedKeys}:
 * the keys set or unset, sorted; never a value. Returns the deployment it started, if it started one.
 */
public interface ConfigChangeListener {
    ConfigChangeListener NONE = (app, caller, changedKeys, restart) -> Optional.empty();

    Optional<DeploymentInfo> configChanged(App app, Caller caller, SortedSet<String> changedKeys, boolean restart);
}
