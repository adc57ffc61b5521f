package dev.deployer.server.ssh;

import dev.deployer.server.remote.RemoteCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.schmizz.sshj.connection.channel.direct.PTYMode;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * A long-running remote command (e.g. {@code journalctl -f}) whose stdout lines go to a consumer
 * until {@link #close()}. It runs on a pseudo-terminal so that closing the channel hangs the
 * terminal up and the remote process gets SIGHUP: no follower is left running on the host. The
 * terminal is {@code dumb} and wide, so tools print no colours and cut no lines; stderr arrives
 * merged into stdout, and commands that page on a terminal need {@code --no-pager}.
 */
final class PtyStream implements RemoteStream {
    private final Session session;
    private final Session.Command command;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private PtyStream(Session session, Session.Command command, Runnable release) {
        this.session = session;
        this.command = command;
        this.release = release;
    }

    static PtyStream start(HostConnections.StreamLease lease, HostTarget target, String step, RemoteCommand remote,
                              Consumer<String> lines, ExecutorService io) {
        Session session = null;
        try {
            session = lease.client().startSession();
            session.allocatePTY("dumb", 4096, 24, 0, 0, Map.of(PTYMode.ECHO, 0));
            PtyStream stream = new PtyStream(session, session.exec(remote.render()), lease.release());
            io.submit(() -> stream.pump(target, step, lines));
            return stream;
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            lease.release().run();
            throw e instanceof RemoteFailure failure ? failure : RemoteFailure.connectionLost(target, step, e);
        }
    }

    @Override
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public boolean isOpen() {
        return !finished.isDone();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                command.signal(Signal.TERM);
            } catch (IOException | RuntimeException ignored) {
                // the hang-up below ends it anyway
            }
            closeQuietly(session);
        }
    }

    private void pump(HostTarget target, String step, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(command.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!deliver(lines, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)) {
                    return;
                }
            }
            finished.complete(null);
        } catch (IOException | RuntimeException e) {
            if (closed.get()) {
                finished.complete(null);
            } else {
                finished.completeExceptionally(RemoteFailure.connectionLost(target, step, e));
            }
        } finally {
            closeQuietly(session);
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    /** A consumer that throws ends the stream with its own exception, not as a broken connection. */
    private boolean deliver(Consumer<String> lines, String line) {
        try {
            lines.accept(line);
            return true;
        } catch (RuntimeException e) {
            closed.set(true);
            finished.completeExceptionally(e);
            return false;
        }
    }

    /** Closes a session whatever state it is in: every stream's last word on its channel. */
    static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException | RuntimeException ignored) {
                // already closed
            }
        }
    }
}
