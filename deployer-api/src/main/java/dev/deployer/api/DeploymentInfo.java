package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/**
 * One attempt to make a release current on an app's hosts. {@code status} is a {@link DeploymentStatus} word,
 * {@code kind} a {@link DeploymentKind} one. {@code version} is null until the build made a release.
 */
public record DeploymentInfo(long id, String app, Integer version, String kind, String ref, String status, String reason,
                             String createdBy, Instant startedAt, Instant finishedAt, List<HostState> hosts) {

    /** Where one host stands in this deployment: {@code state} is a {@link HostRolloutState} word. */
    public record HostState(String host, String state, String message, Instant updatedAt) {}

    public boolean finished() {
        return finishedAt != null;
    }
}
