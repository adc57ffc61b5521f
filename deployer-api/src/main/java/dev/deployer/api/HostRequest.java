package dev.deployer.api;

/**
 * {@code POST /api/hosts}: a host to add. {@code port} defaults to 22 and {@code user} to root;
 * when {@code fingerprint} ({@code SHA256:...}) is given the host's key must match it, otherwise
 * the key the host presents now is pinned (trust on first use).
 */
public record HostRequest(String name, String address, Integer port, String user, String fingerprint) {}
