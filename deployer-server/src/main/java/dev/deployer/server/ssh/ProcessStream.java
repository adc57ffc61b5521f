package dev.deployer.server.ssh;

import dev.deployer.server.remote.RemoteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * A command run to its end on a channel of its own, without a terminal: its stdin is closed at once (a command that
 * reads it sees end of input, never a wait), stdout and stderr are read apart, each as chunks of text as soon as they
 * arrive (no line is gathered whole, so a long line or binary output costs no memory), and the exit status is kept.
 * Chunks go to the consumer one at a time. Holds one of the host's stream slots until it ends or is closed.
 */
final class ProcessStream implements RemoteProcess {
    private static final int CHUNK_CHARS = 8192;

    private final Session session;
    private final Session.Command command;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicInteger readers = new AtomicInteger(2);
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private ProcessStream(Session session, Session.Command command, Runnable release) {
        this.session = session;
        this.command = command;
        this.release = release;
    }

    static ProcessStream start(HostConnections.StreamLease lease, HostTarget target, String step, RemoteCommand remote,
                               Consumer<OutputChunk> output, ExecutorService io) {
        Session session = null;
        try {
            session = lease.client().startSession();
            ProcessStream stream = new ProcessStream(session, session.exec(remote.render()), lease.release());
            stream.command.getOutputStream().close(); // end of input, at once
            Consumer<OutputChunk> serialized = chunk -> {
                synchronized (stream) {
                    output.accept(chunk);
                }
            };
            io.submit(() -> stream.pump(target, step, stream.command.getInputStream(), false, serialized));
            io.submit(() -> stream.pump(target, step, stream.command.getErrorStream(), true, serialized));
            return stream;
        } catch (IOException | RuntimeException e) {
            PtyStream.closeQuietly(session);
            lease.release().run();
            throw e instanceof RemoteFailure failure ? failure : RemoteFailure.connectionLost(target, step, e);
        }
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
        return exit;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            PtyStream.closeQuietly(session);
            exit.completeExceptionally(new IllegalStateException("closed before the command ended"));
            free();
        }
    }

    private void pump(HostTarget target, String step, InputStream stream, boolean stderr, Consumer<OutputChunk> output) {
        char[] buffer = new char[CHUNK_CHARS];
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            int n;
            while ((n = reader.read(buffer)) != -1) {
                if (n > 0) {
                    output.accept(new OutputChunk(stderr, new String(buffer, 0, n)));
                }
            }
            if (readers.decrementAndGet() == 0) {
                finish(target, step);
            }
        } catch (IOException | RuntimeException e) {
            // A consumer that throws, or a broken channel: either way this run is over for us.
            exit.completeExceptionally(closed.get() || !(e instanceof IOException) ? e : RemoteFailure.connectionLost(target, step, e));
            PtyStream.closeQuietly(session);
            free();
        }
    }

    /** Both streams ended: the exit status follows the end of output on the channel. */
    private void finish(HostTarget target, String step) {
        try {
            command.join(10, TimeUnit.SECONDS);
            Integer status = command.getExitStatus();
            if (status == null && command.getExitSignal() == null) {
                exit.completeExceptionally(RemoteFailure.connectionLost(target, step,
                        new IOException("the channel closed without an exit status")));
            } else {
                exit.complete(status == null ? -1 : status);
            }
        } catch (IOException | RuntimeException e) {
            exit.completeExceptionally(RemoteFailure.connectionLost(target, step, e));
        } finally {
            PtyStream.closeQuietly(session);
            free();
        }
    }

    private void free() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
