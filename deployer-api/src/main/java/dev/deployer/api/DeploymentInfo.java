package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/**
 * One attempt to make a release current on an app's hosts. {@code status}: queued, building,
 * deploying, succeeded, failed or interrupted. {@code version} is null until the build made a release.
 */
public record DeploymentInfo(long id, String app, Integer version, String kind, String ref, String status, String reason,
                             String createdBy, Instant startedAt, Instant finishedAt, List<HostState> hosts) {

    /** Where one host stands in this deployment: pending, deploying, healthy, failed, reverted, skipped. */
    public record HostState(String host, String state, String message, Instant updatedAt) {}

    public boolean finished() {
        return finishedAt != null;
    }
}
