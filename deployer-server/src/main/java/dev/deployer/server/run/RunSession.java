package dev.deployer.server.run;

import dev.deployer.api.RunOutput;
import dev.deployer.api.RunResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.OutputChunk;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.ssh.RemoteProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run from start to end, written to its client as it happens: a notice saying where it runs, its output (at most
 * {@link #MAX_OUTPUT_BYTES}; beyond that it is dropped and counted, the command runs on), then how it ended. A client
 * that goes away stops the command, as closing a terminal would: its output would have nowhere to go. Output waits in
 * a small queue; a client that reads slowly slows the command's output down rather than growing the server's memory.
 */
final class RunSession {
    static final long MAX_OUTPUT_BYTES = 8L * 1024 * 1024;
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** Past the limit: systemd's stop timeout plus a margin for systemd-run to report, before the server gives up itself. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int QUEUE = 64;
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);

    /** Where the events go: the SSE stream of the request; throws when the client is gone. */
    interface Events {
        void send(String event, Object data) throws IOException;

        void heartbeat() throws IOException;
    }

    /** The client left before the end. */
    static final class ClientGone extends Exception {
        ClientGone(Throwable cause) {
            super(cause);
        }
    }

    private final OneOffRuns.Prepared run;
    private final HostAccess ssh;
    private final Events events;
    private final BlockingQueue<OutputChunk> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean over = new AtomicBoolean();
    private long sentBytes;
    private long droppedBytes;

    RunSession(OneOffRuns.Prepared run, HostAccess ssh, Events events) {
        this.run = run;
        this.ssh = ssh;
        this.events = events;
    }

    /** Runs to the end and sends the result; null when the client left first (the command was stopped then). */
    RunResult run() throws InterruptedException {
        long started = System.nanoTime();
        RemoteProcess process = null;
        try {
            send("notice", new RunOutput(RunOutput.NOTICE, "running on " + run.host().name() + " in v" + run.place().version()
                    + " as " + run.unit() + ", time limit " + run.limit().toSeconds() + " s"));
            try {
                process = ssh.start(run.host(), "run", run.start(), this::enqueue);
            } catch (RemoteFailure e) {
                return end(-1, false, started, "could not start the command on " + run.host().name() + ": " + e.getMessage());
            }
            return follow(process, started);
        } catch (ClientGone gone) {
            stopEarly();
            LOG.info("run stopped: client left app={} host={} unit={}", run.app().name(), run.host().name(), run.unit());
            return null;
        } catch (InterruptedException | RuntimeException e) {
            // The server is stopping, or something broke here: either way nobody is left to see the output.
            stopEarly();
            throw e;
        } finally {
            over.set(true);
            if (process != null) {
                // After the stop: sshd closes a command's channel only once the command has ended.
                process.close();
            }
        }
    }

    private void stopEarly() {
        over.set(true);
        stop();
    }

    private RunResult follow(RemoteProcess process, long started) throws InterruptedException, ClientGone {
        long deadline = started + run.limit().plus(GRACE).toNanos();
        long quietSince = System.nanoTime();
        while (!(process.exitCode().isDone() && queue.isEmpty())) {
            OutputChunk chunk = queue.poll(100, TimeUnit.MILLISECONDS);
            if (chunk != null) {
                forward(chunk);
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= HEARTBEAT.toNanos()) {
                heartbeat();
                quietSince = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                stop();
                return end(124, true, started, "stopped at its time limit of " + run.limit().toSeconds()
                        + " s; systemd on the host did not report the end in time");
            }
        }
        try {
            int code = process.exitCode().get();
            boolean timedOut = code != 0 && System.nanoTime() - started >= run.limit().toNanos();
            return timedOut ? end(124, true, started, "stopped at its time limit of " + run.limit().toSeconds() + " s")
                    : end(code, false, started, null);
        } catch (ExecutionException e) {
            stop();
            return end(-1, false, started, "lost the connection to " + run.host().name() + " before the command ended ("
                    + e.getCause().getMessage() + "); if it still runs there, systemd stops it at its time limit ("
                    + run.unit() + ")");
        }
    }

    /** Called by the SSH readers: waits for room, and gives up once the run is over for the server. */
    private void enqueue(OutputChunk chunk) {
        try {
            while (!queue.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                if (over.get()) {
                    throw new IllegalStateException("the run is over; output dropped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void forward(OutputChunk chunk) throws ClientGone {
        long bytes = chunk.text().getBytes(StandardCharsets.UTF_8).length;
        if (droppedBytes == 0 && sentBytes + bytes <= MAX_OUTPUT_BYTES) {
            sentBytes += bytes;
            send("output", new RunOutput(chunk.stderr() ? RunOutput.STDERR : RunOutput.STDOUT, chunk.text()));
            return;
        }
        if (droppedBytes == 0) {
            send("notice", new RunOutput(RunOutput.NOTICE, "output cut after " + sentBytes + " bytes (the most one run "
                    + "sends is " + MAX_OUTPUT_BYTES / (1024 * 1024) + " MiB): the rest is dropped, the command runs on"));
        }
        droppedBytes += bytes;
    }

    private RunResult end(int exitCode, boolean timedOut, long started, String message) throws ClientGone {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        RunResult result = new RunResult(run.host().name(), run.unit(), run.place().version(), exitCode, timedOut, seconds,
                droppedBytes, message);
        LOG.info("run ended app={} host={} unit={} exit={} timedOut={} seconds={} droppedBytes={}", run.app().name(),
                run.host().name(), run.unit(), exitCode, timedOut, seconds, droppedBytes);
        send("end", result);
        return result;
    }

    /** Best effort: the unit may have ended already, or the host may be gone (then its time limit ends it). */
    private void stop() {
        try {
            ssh.runAllowingFailure(run.host(), "run", run.stop(), STOP_TIMEOUT);
        } catch (RemoteFailure e) {
            LOG.warn("could not stop run app={} host={} unit={}: {}; systemd stops it at its time limit", run.app().name(),
                    run.host().name(), run.unit(), e.getMessage());
        }
    }

    /** Any failure to write is the client gone: the container may report a reset connection unchecked. */
    private void send(String event, Object data) throws ClientGone {
        try {
            events.send(event, data);
        } catch (IOException | RuntimeException e) {
            throw new ClientGone(e);
        }
    }

    private void heartbeat() throws ClientGone {
        try {
            events.heartbeat();
        } catch (IOException | RuntimeException e) {
            throw new ClientGone(e);
        }
    }
}
