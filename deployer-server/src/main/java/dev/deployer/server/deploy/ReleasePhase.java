package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ProxyCommands;
import dev.deployer.server.remote.ReleasePhaseCommands;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.LineSplitter;
import dev.deployer.server.ssh.OutputChunk;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.ssh.RemoteProcess;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    /** Like a build's output lines: longer ones are cut and marked. */
    static final int MAX_LINE = 4096;

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
            Output output = new Output(log);
            int exit;
            boolean timedOut = false;
            RemoteCommand command = ReleasePhaseCommands.run(app.name(), release.version(), words, limit).privileged(host.root());
            // Streamed: each line becomes an event as the command prints it, so a long migration is seen as it goes.
            try (RemoteProcess process = start(host, command, output)) {
                exit = process.exitCode().get(limit.plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // systemd ends the unit at RuntimeMaxSec; this only stops the server from waiting for ever.
                exit = -1;
                timedOut = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the release command ran on " + host.name());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            List<String> last = output.finish();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (exit != 0) {
                String why = timedOut || took.compareTo(limit) >= 0 ? "timed out after " + limit.toMinutes() + " min"
                        : "exited with " + exit;
                throw new IllegalStateException("the release command " + why + " on " + host.name()
                        + "; nothing was switched" + (last.isEmpty() ? "" : "; its last lines:\n" + String.join("\n", last)));
            }
            return "release command ran on " + host.name() + " in " + took.toMillis() + " ms (" + output.count() + " lines of output)";
        });
    }

    /**
     * The command started streaming; when the host's stream slots are all taken (log followers, one-off runs), run
     * without streaming instead, its output handed over at the end: a deploy never fails for want of a stream. Only
     * that refusal, which started nothing, falls back: a command that started is never run twice.
     */
    private RemoteProcess start(HostTarget host, RemoteCommand command, Output output) {
        try {
            return ssh.start(host, "release-phase", command, output::accept);
        } catch (RemoteFailure e) {
            if (e.kind() != RemoteFailure.Kind.STREAMS_BUSY) {
                throw e;
            }
            CommandResult result = ssh.runAllowingFailure(host, "release-phase", command, limit.plusSeconds(30));
            if (!result.stdout().isEmpty()) {
                output.accept(new OutputChunk(false, result.stdout()));
            }
            if (!result.stderr().isEmpty()) {
                output.accept(new OutputChunk(true, result.stderr()));
            }
            return RemoteProcess.ended(result.exitCode());
        }
    }

    /** The command's stdout and stderr as lines, each an output event as it completes; the last few kept for the reason. */
    private static final class Output {
        private final StepLog log;
        private final LineSplitter stdout = new LineSplitter(MAX_LINE, this::line);
        private final LineSplitter stderr = new LineSplitter(MAX_LINE, this::line);
        private final Deque<String> last = new ArrayDeque<>();
        private int count;

        Output(StepLog log) {
            this.log = log;
        }

        synchronized void accept(OutputChunk chunk) {
            (chunk.stderr() ? stderr : stdout).accept(chunk.text());
        }

        private void line(String line) {
            log.output("release-phase", line);
            count++;
            last.addLast(line);
            if (last.size() > LINES_IN_REASON) {
                last.removeFirst();
            }
        }

        synchronized List<String> finish() {
            stdout.finish();
            stderr.finish();
            return List.copyOf(last);
        }

        synchronized int count() {
            return count;
        }
    }
}
