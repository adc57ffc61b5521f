package dev.deployer.api;

import java.util.List;

/**
 * The answer to {@code PUT /api/apps/{app}/config}: which keys were set or unset (keys that
 * already had the value given, or were absent, are no change) and the config as it is now.
 * {@code restart} is false when the caller asked for {@code ?restart=false}.
 */
public record ConfigChange(List<String> set, List<String> unset, boolean restart, List<ConfigVarInfo> vars) {}
