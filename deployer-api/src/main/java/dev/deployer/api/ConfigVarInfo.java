package dev.deployer.api;

import java.time.Instant;

/** One config var as {@code GET /api/apps/{app}/config} shows it: the value is always masked. */
public record ConfigVarInfo(String key, String masked, Instant updatedAt) {}
