package dev.deployer.api;

import java.time.Instant;

/** One line of {@code GET /api/audit}: who did what to which thing. */
public record AuditEntry(Instant at, String actor, String action, String target, String detail) {}
