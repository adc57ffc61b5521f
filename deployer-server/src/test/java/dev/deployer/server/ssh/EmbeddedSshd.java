package dev.deployer.server.ssh;

import dev.deployer.server.ssh.HostTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An Apache MINA sshd on loopback that runs each command with {@code sh -c}, as OpenSSH does, and
 * lets a test wrap a command's stdin (to drop the connection or corrupt bytes mid-transfer).
 * It accepts only the deployer server's key.
 */
final class EmbeddedSshd implements AutoCloseable {
    /** Decides per command whether to wrap its stdin; return null to leave it alone. */
    interface StdinTap {
        UnaryOperator<InputStream> tap(String command, ChannelSession channel);
    }

    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger authAttempts = new AtomicInteger();
    volatile StdinTap tap = (command, channel) -> null;

    private final SshServer server;
    private final String hostKey;

    private EmbeddedSshd(SshServer server, String hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    static EmbeddedSshd start(String authorizedKey) throws Exception {
        PublicKey allowed = AuthorizedKeyEntry.parseAuthorizedKeyEntry(authorizedKey)
                .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider();
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(keys);
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        EmbeddedSshd[] self = new EmbeddedSshd[1];
        server.setPublickeyAuthenticator((user, key, session) -> {
            self[0].authAttempts.incrementAndGet();
            return KeyUtils.compareKeys(allowed, key);
        });
        server.setCommandFactory((channel, command) -> new ShellCommand(self[0], command, self[0].tap.tap(command, channel)));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                self[0].connections.incrementAndGet();
            }
        });
        server.start();
        KeyPair pair = keys.loadKeys(null).iterator().next();
        self[0] = new EmbeddedSshd(server, HostKeys.openSsh(pair.getPublic()));
        return self[0];
    }

    String hostKey() {
        return hostKey;
    }

    HostTarget target(String name) {
        return new HostTarget(name, "127.0.0.1", server.getPort(), "root", hostKey, HostKeys.fingerprint(hostKey));
    }

    int openConnections() {
        return server.getActiveSessions().size();
    }

    /** Cuts every open connection, as a network failure would. */
    void dropAllConnections() {
        server.getActiveSessions().forEach(session -> session.close(true));
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code sh -c COMMAND}, with stdin, stdout and stderr pumped between the channel and the process. */
    private static final class ShellCommand implements Command {
        private final EmbeddedSshd sshd;
        private final String command;
        private final UnaryOperator<InputStream> stdinTap;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        ShellCommand(EmbeddedSshd sshd, String command, UnaryOperator<InputStream> stdinTap) {
            this.sshd = sshd;
            this.command = command;
            this.stdinTap = stdinTap == null ? UnaryOperator.identity() : stdinTap;
        }

        @Override public void setInputStream(InputStream in) { this.in = in; }
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) { this.err = err; }
        @Override public void setExitCallback(ExitCallback exit) { this.exit = exit; }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            int now = sshd.running.incrementAndGet();
            sshd.maxRunning.accumulateAndGet(now, Math::max);
            process = new ProcessBuilder(List.of("sh", "-c", command)).start();
            InputStream stdin = stdinTap.apply(in);
            Thread feeder = pump(stdin, process.getOutputStream(), true);
            Thread stdout = pump(process.getInputStream(), out, false);
            Thread stderr = pump(process.getErrorStream(), err, false);
            new Thread(() -> {
                try {
                    int code = process.waitFor();
                    stdout.join();
                    stderr.join();
                    feeder.interrupt();
                    sshd.running.decrementAndGet();
                    exit.onExit(code);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "embedded-sshd-wait").start();
        }

        private Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int n;
                    while ((n = from.read(buffer)) != -1) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                } catch (IOException e) {
                    if (closeTarget) {
                        process.destroyForcibly(); // the connection broke mid-stdin: the command dies, as under sshd
                    }
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException ignored) {
                            // process gone
                        }
                    }
                }
            }, "embedded-sshd-pump");
            thread.start();
            return thread;
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
