package dev.deployer.api;

/** {@code POST /api/tokens}: a named token with a role (admin, deployer or viewer). */
public record TokenRequest(String name, String role) {}
