package dev.deployer.cli;

import dev.deployer.api.AppRequest;
import java.util.List;
import picocli.CommandLine.Option;

/** The app settings {@code apps create} and {@code apps update} share. Unset options are left to the server. */
public class AppOptions {
    @Option(names = "--hosts", split = ",", paramLabel = "h1,h2", description = "hosts in deploy order; the first is the canary")
    List<String> hosts;

    @Option(names = "--repo", paramLabel = "URL", description = "git URL builds clone from (\"\" to clear: code then comes by git push)")
    String repoUrl;

    @Option(names = "--branch", description = "branch deployed by default (default: main)")
    String branch;

    @Option(names = "--port", description = "port the app listens on, given to it as PORT (default: 8080)")
    Integer port;

    @Option(names = "--health", paramLabel = "PATH", description = "HTTP path that answers 2xx when the app is up (\"\" for none)")
    String healthPath;

    @Option(names = "--health-timeout", paramLabel = "SECONDS", description = "how long a start may take to turn healthy (default: 60)")
    Integer healthTimeoutSeconds;

    @Option(names = "--java-opts", paramLabel = "OPTS", description = "JVM options, e.g. --java-opts=\"-Xmx512m -XX:+UseG1GC\"")
    String javaOptions;

    @Option(names = "--java-version", paramLabel = "N", description = "Java version the hosts must have (default: 17)")
    Integer javaVersion;

    @Option(names = "--build-command", paramLabel = "CMD", description = "build command (default: detected from the repository)")
    String buildCommand;

    @Option(names = "--artifact", paramLabel = "PATH", description = "jar the build makes, relative to the repository (default: detected)")
    String artifactPath;

    @Option(names = "--build-timeout", paramLabel = "SECONDS", description = "longest a build may run (default: 900)")
    Integer buildTimeoutSeconds;

    @Option(names = "--keep", paramLabel = "N", description = "releases kept on each host (default: 5)")
    Integer keepReleases;

    @Option(names = "--batch-size", paramLabel = "N", description = "hosts switched at once after the canary (0: all remaining hosts at once, the default)")
    Integer batchSize;

    @Option(names = "--max-push-mib", paramLabel = "MIB", description = "largest pack a git push may send, in MiB (default: 512)")
    Integer maxPushMib;

    @Option(names = "--secrets-on-push", paramLabel = "warn|reject", description = "a push adding a likely secret (private key, .env, token): warn (default) or reject")
    String secretsOnPush;

    @Option(names = "--strategy", paramLabel = "zero-downtime|restart", description = "zero-downtime (default for new apps): "
            + "two slots behind a proxy on each host, traffic moves only to a healthy one; restart: one unit, stopped and "
            + "started, for apps that cannot run twice at once")
    String strategy;

    @Option(names = "--drain", paramLabel = "SECONDS", description = "zero-downtime: how long in-flight requests get on the old slot after a switch (default: 30)")
    Integer drainSeconds;

    @Option(names = "--standby", paramLabel = "SECONDS", description = "zero-downtime: how long the old slot stays warm for an instant "
            + "rollback, one more JVM per host meanwhile (default: 600; 0 stops it after the drain)")
    Integer standbySeconds;

    @Option(names = "--canary", negatable = true, paramLabel = "", description = "--canary (default): the first host switches "
            + "and passes its health check before any other host starts; --no-canary: every host in batches from the start, "
            + "one host's activation faster")
    Boolean canary;

    AppRequest toRequest(String name, Boolean rotateWebhookSecret) {
        return new AppRequest(name, hosts, repoUrl, branch, port, javaOptions, javaVersion, healthPath,
                healthTimeoutSeconds, buildCommand, artifactPath, buildTimeoutSeconds, keepReleases, batchSize,
                rotateWebhookSecret, maxPushMib, secretsOnPush, strategy, drainSeconds, standbySeconds, canary);
    }
}
