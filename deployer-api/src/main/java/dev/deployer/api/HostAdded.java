package dev.deployer.api;

/** {@code POST /api/hosts} answer: the host, saved with its key pinned, and the preflight report saying what to fix. */
public record HostAdded(Host host, PreflightReport preflight) {}
