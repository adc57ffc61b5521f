package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/**
 * An app as {@code GET /api/apps} shows it. {@code webhookUrl} is where a git host posts pushes;
 * {@code webhookSecret} is set only in the answer that created or rotated it (like an API token,
 * it is shown once), and null everywhere else. {@code maxPushMib}: the largest pack a git push may send.
 * {@code secretsOnPush}: {@code warn} or {@code reject}, what a push that adds a likely secret gets.
 * {@code strategy}: {@code zero-downtime} or {@code restart}; {@code drainSeconds} and {@code standbySeconds}: see
 * {@link AppRequest}.
 */
public record AppInfo(String name, String repoUrl, String branch, List<String> hosts, int port, String javaOptions,
                      int javaVersion, String healthPath, int healthTimeoutSeconds, String buildCommand,
                      String artifactPath, int buildTimeoutSeconds, int keepReleases, Integer batchSize,
                      String webhookUrl, String webhookSecret, Instant createdAt, int maxPushMib, String secretsOnPush,
                      String strategy, int drainSeconds, int standbySeconds) {}
