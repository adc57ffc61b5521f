package dev.deployer.api;

import java.time.Duration;
import java.time.Instant;

/**
 * One deployment in an app's list ({@code GET /api/apps/{app}/deployments}): what {@link DeploymentInfo} says
 * without the per-host states, which {@code GET /api/deployments/{id}} gives. {@code status} is a
 * {@link DeploymentStatus} word, {@code kind} a {@link DeploymentKind} one; {@code version} is null until a release was made.
 */
public record DeploymentSummary(long id, String app, Integer version, String kind, String ref, String status, String reason,
                                String createdBy, Instant startedAt, Instant finishedAt) {

    /** How long it took; null while it runs. */
    public Duration took() {
        return finishedAt == null || startedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
}
