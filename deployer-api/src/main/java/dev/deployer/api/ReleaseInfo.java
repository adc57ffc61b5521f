package dev.deployer.api;

import java.time.Instant;

/**
 * One line of an app's release history: {@code status} is a {@link ReleaseStatus} word; {@code current} marks
 * the release its hosts run.
 */
public record ReleaseInfo(int version, String commit, String artifactSha256, long artifactSize, String description,
                          String status, boolean current, String createdBy, Instant createdAt) {}
