package dev.deployer.api;

/** {@code POST /api/hosts/{host}/trust}: re-pin the host's key; when {@code fingerprint} is given the key must match it. */
public record HostTrustRequest(String fingerprint) {}
