package dev.deployer.server.config;

import dev.deployer.server.apps.App;
import dev.deployer.server.auth.Caller;

/**
 * Told after an app's config vars changed and were stored. The deploy engine makes a new release
 * (same artifact, new config snapshot) and restarts the app unless {@code restart} is false;
 * before the app's first deploy there is nothing to restart, and storing was all.
 */
public interface ConfigChangeListener {
    ConfigChangeListener NONE = (app, caller, restart) -> {};

    void configChanged(App app, Caller caller, boolean restart);
}
