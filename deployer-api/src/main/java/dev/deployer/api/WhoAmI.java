package dev.deployer.api;

/** {@code GET /api/whoami}: the calling token's name and role, so a client offers only what that role may do. */
public record WhoAmI(String name, String role) {}
