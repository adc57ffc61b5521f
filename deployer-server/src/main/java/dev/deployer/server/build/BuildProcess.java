package dev.deployer.server.build;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one build command to its end: output streamed line by line, a time limit, and whatever
 * way it ends (success, failure, timeout, the caller's thread interrupted) no process of it is
 * left running.
 */
final class BuildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(BuildProcess.class);
    /** How long the output may trail the process: a straggler we could not kill would hold the pipe open. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(10);

    private final ProcessFactory processes;

    BuildProcess(ProcessFactory processes) {
        this.processes = processes;
    }

    /** How often a running build's workspace is measured against its disk cap. */
    static final Duration DISK_CHECK = Duration.ofSeconds(2);

    /** A cap on the bytes a build's workspace may hold, measured while it runs. */
    record DiskCap(LongSupplier bytes, long maxBytes) {
        static final DiskCap NONE = new DiskCap(() -> 0, Long.MAX_VALUE);
    }

    /** Returns when the command exited with status 0; throws {@link BuildFailure} otherwise. */
    void run(List<String> command, Path directory, Map<String, String> env, Duration timeout, BuildOutput output, String app) {
        run(command, command.get(0), directory, env, timeout, DiskCap.NONE, output, app);
    }

    /** As above; {@code executable} is the build's own program, named in a failure (the sandbox wraps it). */
    void run(List<String> command, String executable, Path directory, Map<String, String> env, Duration timeout,
             DiskCap disk, BuildOutput output, String app) {
        Process process;
        try {
            process = processes.start(command, directory, env);
        } catch (IOException e) {
            throw new BuildFailure("cannot start the build command " + command.get(0) + " (" + e.getMessage()
                    + "): check that it exists in the repository or on the server's PATH", output.lastLines());
        }
        Thread reader = startReader(process, output, app);
        String failure = null;
        try {
            failure = await(process, timeout, disk);
            if (failure == null && process.exitValue() != 0) {
                failure = "the build failed: " + executable + " exited with status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "the build was cancelled";
        } finally {
            cleanUp(process, env.get(BuildEnvironment.MARKER), reader, app);
            output.finish();
        }
        if (failure != null) {
            throw new BuildFailure(failure, output.lastLines());
        }
    }

    /** Null when the process exited by itself; otherwise why it is to be stopped. */
    private static String await(Process process, Duration timeout, DiskCap disk) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (process.waitFor(Math.min(Math.max(left, 0), DISK_CHECK.toNanos()), TimeUnit.NANOSECONDS)) {
                return null;
            }
            if (System.nanoTime() - deadline >= 0) {
                return "the build timed out after " + describe(timeout) + " and was stopped: make it faster, "
                        + "or raise the app's build timeout";
            }
            long bytes = disk.bytes().getAsLong();
            if (bytes > disk.maxBytes()) {
                return "the build's workspace grew past " + disk.maxBytes() / (1024 * 1024) + " MiB (" + bytes / (1024 * 1024)
                        + " MiB) and the build was stopped: make it write less, or raise DEPLOYER_BUILD_DISK_MIB";
            }
        }
    }

    private static Thread startReader(Process process, BuildOutput output, String app) {
        Thread reader = new Thread(() -> {
            try (InputStreamReader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                OutputLines.read(in, BuildOutput.MAX_LINE, output);
            } catch (IOException e) {
                LOG.warn("build output could not be read to its end app={} error={}", app, e.toString());
            }
        }, "build-output-" + app);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Runs even for a cancelled build, so the interrupt is set aside until the processes are gone. */
    private static void cleanUp(Process process, String buildId, Thread reader, String app) {
        boolean interrupted = Thread.interrupted();
        try {
            int killed = ProcessTree.killAll(process.toHandle(), buildId);
            if (killed > 0) {
                LOG.info("build processes killed app={} count={}", app, killed);
            }
            reader.join(OUTPUT_DRAIN.toMillis());
            if (reader.isAlive()) {
                LOG.warn("build output still open after the build ended app={}: a process outside the build's reach holds it", app);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String describe(Duration timeout) {
        long seconds = timeout.toSeconds();
        if (seconds % 60 == 0) {
            return seconds / 60 + (seconds == 60 ? " minute" : " minutes");
        }
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
