package dev.deployer.api;

/** {@code GET /api/version}: what server answers. */
public record Version(String name, String version) {}
