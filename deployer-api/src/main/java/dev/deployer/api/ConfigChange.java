package dev.deployer.api;

import java.util.List;

/**
 * The answer to {@code PUT /api/apps/{app}/config}: which keys were set or unset (keys that
 * already had the value given, or were absent, are no change) and the config as it is now.
 * {@code restart} is false when the caller asked for {@code ?restart=false}. {@code deployment}: the
 * deployment the change started (as {@code POST /deploy} answers it; follow it at
 * {@code /api/deployments/ID/events}), null when none started: no change, no restart asked, or the
 * app was never deployed.
 */
public record ConfigChange(List<String> set, List<String> unset, boolean restart, List<ConfigVarInfo> vars,
                           DeploymentInfo deployment) {
    /** A change that started no deployment. */
    public ConfigChange(List<String> set, List<String> unset, boolean restart, List<ConfigVarInfo> vars) {
        this(set, unset, restart, vars, null);
    }
}
