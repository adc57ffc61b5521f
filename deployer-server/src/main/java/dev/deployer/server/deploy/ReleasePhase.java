package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ProxyCommands;
import dev.deployer.server.remote.ReleasePhaseCommands;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A release's {@code release} process (database migrations, typically), once, on one host, after staging and before
 * anything switches. Its output becomes the deployment's output events; a non-zero exit or the time limit fails the
 * deployment, and nothing has switched anywhere.
 */
public class ReleasePhase {
    /** Fixed for every app: long enough for a migration, short enough that a hung one ends the deployment. */
    public static final Duration LIMIT = Duration.ofMinutes(10);
    /** The last output lines quoted in the failure's message (all of it is in the events). */
    static final int LINES_IN_REASON = 20;

    private final HostAccess ssh;
    private final Duration limit;

    public ReleasePhase(HostAccess ssh, Duration limit) {
        this.ssh = ssh;
        this.limit = limit;
    }

    /** Runs it when the release has a {@code release} type; throws (as the step's failure) when it fails. */
    public void run(HostTarget host, App app, Release release, Map<String, Secret> config, StepLog log) {
        List<String> words = release.procfile().flatMap(Procfile::release).map(Procfile.Process::words).orElse(null);
        if (words == null) {
            return;
        }
        log.step(host, "release-phase", () -> {
            HostLayout layout = new HostLayout(app.name());
            ssh.run(host, "release-phase", ProxyCommands.ensureEtcDir(app.name()).privileged(host.root()), Duration.ofSeconds(60));
            ssh.writeFile(host, "release-phase", layout.releaseEnvFile(), EnvFile.render(config, app.port()), "0600", "root:root");
            long started = System.nanoTime();
            CommandResult result = ssh.runAllowingFailure(host, "release-phase",
                    ReleasePhaseCommands.run(app.name(), release.version(), words, limit).privileged(host.root()),
                    limit.plusSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<String> lines = new java.util.ArrayList<>(result.stdout().lines().toList());
            lines.addAll(result.stderr().lines().toList());
            lines.forEach(line -> log.output("release-phase", line));
            if (!result.ok()) {
                String why = took.compareTo(limit) >= 0 ? "timed out after " + limit.toMinutes() + " min"
                        : "exited with " + result.exitCode();
                List<String> last = lines.subList(Math.max(0, lines.size() - LINES_IN_REASON), lines.size());
                throw new IllegalStateException("the release command " + why + " on " + host.name()
                        + "; nothing was switched" + (last.isEmpty() ? "" : "; its last lines:\n" + String.join("\n", last)));
            }
            return "release command ran on " + host.name() + " in " + took.toMillis() + " ms (" + lines.size() + " lines of output)";
        });
    }
}
