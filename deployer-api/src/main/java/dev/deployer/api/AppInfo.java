package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/**
 * An app as {@code GET /api/apps} shows it. {@code webhookUrl} is where a git host posts pushes;
 * {@code webhookSecret} is set only in the answer that created or rotated it (like an API token,
 * it is shown once), and null everywhere else. {@code maxPushMib}: the largest pack a git push may send.
 * {@code secretsOnPush}: {@code warn} or {@code reject}, what a push that adds a likely secret gets.
 * {@code strategy}: {@code zero-downtime} or {@code restart}; {@code drainSeconds} and {@code standbySeconds}: see
 * {@link AppRequest}. {@code canary}: whether the first host is switched before the others start.
 */
public record AppInfo(String name, String repoUrl, String branch, List<String> hosts, int port, String javaOptions,
                      int javaVersion, String healthPath, int healthTimeoutSeconds, String buildCommand,
                      String artifactPath, int buildTimeoutSeconds, int keepReleases, Integer batchSize,
                      String webhookUrl, String webhookSecret, Instant createdAt, int maxPushMib, String secretsOnPush,
                      String strategy, int drainSeconds, int standbySeconds, boolean canary) {
    /** Without {@code canary}: as every app was before it could be turned off. */
    public AppInfo(String name, String repoUrl, String branch, List<String> hosts, int port, String javaOptions,
                   int javaVersion, String healthPath, int healthTimeoutSeconds, String buildCommand,
                   String artifactPath, int buildTimeoutSeconds, int keepReleases, Integer batchSize,
                   String webhookUrl, String webhookSecret, Instant createdAt, int maxPushMib, String secretsOnPush,
                   String strategy, int drainSeconds, int standbySeconds) {
        this(name, repoUrl, branch, hosts, port, javaOptions, javaVersion, healthPath, healthTimeoutSeconds, buildCommand,
                artifactPath, buildTimeoutSeconds, keepReleases, batchSize, webhookUrl, webhookSecret, createdAt, maxPushMib,
                secretsOnPush, strategy, drainSeconds, standbySeconds, true);
    }
}
