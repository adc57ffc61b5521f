package dev.deployer.api;

import java.util.List;

/**
 * {@code POST /api/apps} (name and hosts required) and {@code PATCH /api/apps/{app}}. A null
 * field is left as it is (or gets its default on create). On PATCH, {@code ""} clears an
 * optional text (repo URL, health path, build command, artifact path) and {@code batchSize: 0}
 * goes back to the default, all remaining hosts at once after the canary. {@code maxPushMib} bounds a git
 * push's pack (default 512). {@code rotateWebhookSecret: true} makes a new webhook secret,
 * shown once in the answer.
 * {@code secretsOnPush}: {@code warn} (default) or {@code reject}, what a push that adds a likely secret gets.
 * {@code strategy}: {@code zero-downtime} (the default for new apps: two slots behind a proxy on each host) or
 * {@code restart} (one unit, stopped and started; for apps that cannot run two instances at once).
 * {@code drainSeconds} (default 30): how long in-flight requests get on the old slot after a switch.
 * {@code standbySeconds} (default 600): how long the old slot stays warm for an instant rollback; 0 stops it
 * after the drain. {@code canary} (default true): the first host switches and passes its health check before any
 * other host starts; false switches every host in batches from the start (faster by one host's activation).
 */
public record AppRequest(String name, List<String> hosts, String repoUrl, String branch, Integer port,
                         String javaOptions, Integer javaVersion, String healthPath, Integer healthTimeoutSeconds,
                         String buildCommand, String artifactPath, Integer buildTimeoutSeconds, Integer keepReleases,
                         Integer batchSize, Boolean rotateWebhookSecret, Integer maxPushMib, String secretsOnPush,
                         String strategy, Integer drainSeconds, Integer standbySeconds, Boolean canary) {
    public static final String ZERO_DOWNTIME = "zero-downtime";
    public static final String RESTART = "restart";

    /** Without {@code canary}: left as it is, or its default on create. */
    public AppRequest(String name, List<String> hosts, String repoUrl, String branch, Integer port, String javaOptions,
                      Integer javaVersion, String healthPath, Integer healthTimeoutSeconds, String buildCommand,
                      String artifactPath, Integer buildTimeoutSeconds, Integer keepReleases, Integer batchSize,
                      Boolean rotateWebhookSecret, Integer maxPushMib, String secretsOnPush, String strategy,
                      Integer drainSeconds, Integer standbySeconds) {
        this(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath, healthTimeoutSeconds, buildCommand,
                artifactPath, buildTimeoutSeconds, keepReleases, batchSize, rotateWebhookSecret, maxPushMib, secretsOnPush,
                strategy, drainSeconds, standbySeconds, null);
    }

    /** Without the switching fields: each left as it is, or its default on create. */
    public AppRequest(String name, List<String> hosts, String repoUrl, String branch, Integer port, String javaOptions,
                      Integer javaVersion, String healthPath, Integer healthTimeoutSeconds, String buildCommand,
                      String artifactPath, Integer buildTimeoutSeconds, Integer keepReleases, Integer batchSize,
                      Boolean rotateWebhookSecret, Integer maxPushMib, String secretsOnPush) {
        this(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath, healthTimeoutSeconds, buildCommand,
                artifactPath, buildTimeoutSeconds, keepReleases, batchSize, rotateWebhookSecret, maxPushMib, secretsOnPush,
                null, null, null);
    }

    /** Without {@code secretsOnPush} and the switching fields. */
    public AppRequest(String name, List<String> hosts, String repoUrl, String branch, Integer port, String javaOptions,
                      Integer javaVersion, String healthPath, Integer healthTimeoutSeconds, String buildCommand,
                      String artifactPath, Integer buildTimeoutSeconds, Integer keepReleases, Integer batchSize,
                      Boolean rotateWebhookSecret, Integer maxPushMib) {
        this(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath, healthTimeoutSeconds, buildCommand,
                artifactPath, buildTimeoutSeconds, keepReleases, batchSize, rotateWebhookSecret, maxPushMib, null);
    }

    /** A request that sets nothing: start from here and fill in with the {@code with*} methods below. */
    public static AppRequest empty() {
        return new AppRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static AppRequest create(String name, List<String> hosts) {
        return empty().withName(name).withHosts(hosts);
    }

    public AppRequest withName(String value) {
        return new AppRequest(value, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withHosts(List<String> value) {
        return new AppRequest(name, value, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withRepo(String value, String branchName) {
        return new AppRequest(name, hosts, value, branchName, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withRun(Integer portNumber, String options, String health) {
        return new AppRequest(name, hosts, repoUrl, branch, portNumber, options, javaVersion, health,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withBuild(String command, String artifact) {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, command, artifact, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withKeepReleases(Integer value) {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, value, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withRotatedWebhookSecret() {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize, true,
                maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withMaxPushMib(Integer value) {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, value, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withSecretsOnPush(String value) {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, value, strategy, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withStrategy(String value) {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, value, drainSeconds, standbySeconds, canary);
    }

    public AppRequest withSwitching(Integer drain, Integer standby) {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drain, standby, canary);
    }

    public AppRequest withCanary(Boolean value) {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, value);
    }
}
