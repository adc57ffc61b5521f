package dev.deployer.api;

import java.time.Instant;

/** A token as listed: never its value. {@code token} is set only in the response that created it. */
public record TokenInfo(long id, String name, String role, Instant createdAt, String token) {}
