package dev.deployer.api;

/** The server's public key, one line for {@code authorized_keys}, and its SHA256 fingerprint. */
public record SshKey(String publicKey, String fingerprint) {}
