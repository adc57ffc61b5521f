package dev.deployer.server.apps;

import java.time.Instant;
import java.util.List;

/**
 * One app as the rest of the server sees it. Never carries the webhook secret: ask
 * {@link AppService#webhookSecret(String)} for that.
 *
 * @param repoUrl      where builds clone from; null when code arrives only by {@code git push}
 * @param healthPath   HTTP path checked after a start; null means no HTTP check (the unit must stay active)
 * @param buildCommand null means auto-detect (Maven wrapper, Maven, Gradle wrapper, ...)
 * @param artifactPath null means auto-detect the one runnable jar the build made
 * @param batchSize    hosts switched at once after the canary; null means all the remaining hosts at once
 * @param hosts        host names in deploy order: the first is the canary
 * @param maxPushMib   the largest pack a git push may send, in MiB
 * @param secretsOnPush {@code warn} or {@code reject}: what a push that adds a likely secret gets
 * @param strategy     {@code zero-downtime} (two slots behind a proxy on each host) or {@code restart} (one unit)
 * @param drainSeconds how long the old slot's in-flight requests get after a switch
 * @param standbySeconds how long the old slot stays warm after a deploy, for an instant rollback; 0: stopped after the drain
 * @param canary       the first host switches (and passes its health check) before any other host starts
 */
public record App(long id, String name, String repoUrl, String branch, int port, String javaOptions, int javaVersion,
                  String healthPath, int healthTimeoutSeconds, String buildCommand, String artifactPath,
                  int buildTimeoutSeconds, int keepReleases, Integer batchSize, List<String> hosts, Instant createdAt,
                  int maxPushMib, String secretsOnPush, String strategy, int drainSeconds, int standbySeconds,
                  boolean canary) {
    public static final String DEFAULT_BRANCH = "main";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_JAVA_VERSION = 17;
    public static final int DEFAULT_HEALTH_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_BUILD_TIMEOUT_SECONDS = 900;
    public static final int DEFAULT_KEEP_RELEASES = 5;
    public static final int DEFAULT_MAX_PUSH_MIB = 512;
    public static final String DEFAULT_SECRETS_ON_PUSH = "warn";
    public static final String ZERO_DOWNTIME = "zero-downtime";
    public static final String RESTART = "restart";
    /** New apps switch without downtime; apps made before it existed keep {@code restart} (see V9). */
    public static final String DEFAULT_STRATEGY = ZERO_DOWNTIME;
    public static final int DEFAULT_DRAIN_SECONDS = 30;
    public static final int DEFAULT_STANDBY_SECONDS = 600;

    public App {
        hosts = List.copyOf(hosts);
    }

    /** An app that warns about secrets on push, the default. */
    public App(long id, String name, String repoUrl, String branch, int port, String javaOptions, int javaVersion,
               String healthPath, int healthTimeoutSeconds, String buildCommand, String artifactPath,
               int buildTimeoutSeconds, int keepReleases, Integer batchSize, List<String> hosts, Instant createdAt,
               int maxPushMib) {
        this(id, name, repoUrl, branch, port, javaOptions, javaVersion, healthPath, healthTimeoutSeconds, buildCommand,
                artifactPath, buildTimeoutSeconds, keepReleases, batchSize, hosts, createdAt, maxPushMib,
                DEFAULT_SECRETS_ON_PUSH);
    }

    /** An app that restarts in place (today's behaviour before zero-downtime), with the default drain and standby. */
    public App(long id, String name, String repoUrl, String branch, int port, String javaOptions, int javaVersion,
               String healthPath, int healthTimeoutSeconds, String buildCommand, String artifactPath,
               int buildTimeoutSeconds, int keepReleases, Integer batchSize, List<String> hosts, Instant createdAt,
               int maxPushMib, String secretsOnPush) {
        this(id, name, repoUrl, branch, port, javaOptions, javaVersion, healthPath, healthTimeoutSeconds, buildCommand,
                artifactPath, buildTimeoutSeconds, keepReleases, batchSize, hosts, createdAt, maxPushMib, secretsOnPush,
                RESTART, DEFAULT_DRAIN_SECONDS, DEFAULT_STANDBY_SECONDS);
    }

    /** With a canary first, as every app had before the choice existed. */
    public App(long id, String name, String repoUrl, String branch, int port, String javaOptions, int javaVersion,
               String healthPath, int healthTimeoutSeconds, String buildCommand, String artifactPath,
               int buildTimeoutSeconds, int keepReleases, Integer batchSize, List<String> hosts, Instant createdAt,
               int maxPushMib, String secretsOnPush, String strategy, int drainSeconds, int standbySeconds) {
        this(id, name, repoUrl, branch, port, javaOptions, javaVersion, healthPath, healthTimeoutSeconds, buildCommand,
                artifactPath, buildTimeoutSeconds, keepReleases, batchSize, hosts, createdAt, maxPushMib, secretsOnPush,
                strategy, drainSeconds, standbySeconds, true);
    }

    public boolean zeroDowntime() {
        return ZERO_DOWNTIME.equals(strategy);
    }

    public boolean rejectsSecrets() {
        return "reject".equals(secretsOnPush);
    }
}
