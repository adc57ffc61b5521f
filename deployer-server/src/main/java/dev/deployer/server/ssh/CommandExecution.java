package dev.deployer.server.ssh;

import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.HostTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/** Runs one command in its own channel: stdin fed, stdout and stderr read at once (so neither can fill up and stall), all within a deadline. */
final class CommandExecution {
    private static final int MAX_STDOUT = 16 * 1024 * 1024;
    private static final int MAX_STDERR = 256 * 1024;

    private final ExecutorService io;
    private final Duration stall;

    /** {@code stall}: how long the host may take none of a command's input before the command is given up. */
    CommandExecution(ExecutorService io, Duration stall) {
        this.io = io;
        this.stall = stall;
    }

    CommandResult execute(SSHClient client, HostTarget target, String step, RemoteCommand command, InputStream stdin,
                          Duration timeout) throws IOException, InterruptedException {
        Session session;
        try {
            session = client.startSession();
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: sshj noticed only now that the pooled connection is gone
            throw new HostConnections.StaleConnection(e);
        }
        try (session) {
            Session.Command running = session.exec(withRemoteTimeout(command, timeout).render());
            Future<byte[]> stdout = io.submit(() -> CappedRead.head(running.getInputStream(), MAX_STDOUT));
            Future<byte[]> stderr = io.submit(() -> CappedRead.tail(running.getErrorStream(), MAX_STDERR));
            Progress progress = new Progress(stdin);
            Future<Void> feeding = io.submit(() -> feed(progress, running.getOutputStream()));
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                IOException feedFailure = await(feeding, progress, stdout, deadline);
                byte[] out = get(stdout, deadline);
                byte[] err = get(stderr, deadline);
                running.join(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
                Integer status = running.getExitStatus();
                if (status == null && running.getExitSignal() == null) {
                    throw feedFailure != null ? feedFailure : new IOException("the channel closed without an exit status");
                }
                return new CommandResult(status == null ? -1 : status, text(out), text(err));
            } catch (TimeoutException e) {
                stop(running, feeding);
                throw RemoteFailure.timedOut(target, step, timeout);
            } catch (Stalled e) {
                stop(running, feeding);
                throw RemoteFailure.stalled(target, step, stall);
            } finally {
                // A feeder still waiting for window space holds sshj's stream lock, which closing the channel and a
                // dying transport both need: it lets go before either happens.
                feeding.cancel(true);
            }
        }
    }

    /**
     * sshd neither passes our KILL signal on nor ends a command when its channel closes, so each step also
     * runs under the host's {@code timeout}: a step we gave up on never keeps running there. It fires a
     * little after our own deadline, so that ours reports the timeout (not exit code 124).
     */
    static RemoteCommand withRemoteTimeout(RemoteCommand command, Duration timeout) {
        long seconds = (timeout.toMillis() + 999) / 1000 + 2;
        return command.prefixed("timeout", "-k", "5", seconds + "s");
    }

    private static Void feed(InputStream stdin, OutputStream channel) throws IOException {
        try (channel) {
            stdin.transferTo(channel);
        }
        return null;
    }

    /**
     * Waits for stdin to be sent. A failed stdin is reported only if the command gives no exit status: a command that
     * exited early explains itself on stderr. Gives up early when the host took no input for the stall limit, or when
     * stdout broke off (the connection is gone: the feeder may still be blocked on it).
     */
    private IOException await(Future<Void> feeding, Progress progress, Future<byte[]> stdout, long deadline)
            throws TimeoutException, InterruptedException, Stalled {
        while (true) {
            try {
                feeding.get(Math.max(1, Math.min(1000, remainingMillis(deadline))), TimeUnit.MILLISECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (TimeoutException e) {
                if (remainingMillis(deadline) <= 0) {
                    throw e;
                }
                if (brokeOff(stdout)) {
                    return null;
                }
                if (progress.idleNanos() >= stall.toNanos()) {
                    throw new Stalled();
                }
            }
        }
    }

    private static boolean brokeOff(Future<byte[]> stdout) throws InterruptedException {
        if (!stdout.isDone()) {
            return false;
        }
        try {
            stdout.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** The host took none of the command's input for the stall limit. */
    private static final class Stalled extends Exception {
        Stalled() {
            super(null, null, false, false);
        }
    }

    /** The command's stdin (possibly none), remembering when the host last took some of it. */
    private static final class Progress extends java.io.FilterInputStream {
        private volatile long lastRead = System.nanoTime();

        Progress(InputStream stdin) {
            super(stdin == null ? InputStream.nullInputStream() : stdin);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            lastRead = System.nanoTime();
            return n;
        }

        long idleNanos() {
            return System.nanoTime() - lastRead;
        }
    }

    private static byte[] get(Future<byte[]> future, long deadline) throws IOException, TimeoutException, InterruptedException {
        try {
            return future.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static void stop(Session.Command running, Future<Void> feeding) {
        feeding.cancel(true);
        try {
            running.signal(Signal.KILL);
        } catch (IOException | RuntimeException ignored) {
            // older sshd ignores signals; closing the channel below still ends our side
        }
        try {
            running.close();
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
