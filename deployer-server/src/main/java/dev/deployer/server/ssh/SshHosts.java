package dev.deployer.server.ssh;

import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.HostTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that opens SSH sessions. Every host is verified against its pinned key, every
 * command is a {@link RemoteCommand}, and every failure becomes a {@link RemoteFailure} naming
 * the host and the step.
 */
public final class SshHosts implements HostAccess, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshHosts.class);

    private final SshLimits limits;
    private final SshConnector connector;
    private final HostConnections connections;
    private final ExecutorService io;
    private final CommandExecution execution;
    private final RemoteFiles files;
    private final LastLogins lastLogins = new LastLogins();

    public SshHosts(ServerKeyPair keyPair, SshLimits limits) {
        this(keyPair, limits, SshLiveness.defaults());
    }

    public SshHosts(ServerKeyPair keyPair, SshLimits limits, SshLiveness liveness) {
        SshjLogging.quietExpectedFailures();
        this.limits = limits;
        this.connector = new SshConnector(keyPair.privateKeyFile(), limits, liveness, lastLogins);
        this.connections = new HostConnections(connector, limits, liveness.idleExpiry());
        this.io = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "ssh-io");
            thread.setDaemon(true);
            return thread;
        });
        this.execution = new CommandExecution(io, liveness.uploadStall());
        this.files = new RemoteFiles(this, limits);
    }

    public SshLimits limits() {
        return limits;
    }

    /** Whether the last login to each host tried since start succeeded (the hosts-reachable metric). */
    public LastLogins lastLogins() {
        return lastLogins;
    }

    /** Runs {@code command}; a non-zero exit throws {@link RemoteFailure} with the exit code and stderr tail. */
    @Override
    public CommandResult run(HostTarget host, String step, RemoteCommand command, Duration timeout) {
        return execute(host, step, command, null, timeout, false);
    }

    @Override
    public CommandResult run(HostTarget host, String step, RemoteCommand command) {
        return run(host, step, command, limits.commandTimeout());
    }

    /** Runs {@code command} with {@code stdin} as its input: content reaches the host without a local temp file or argv. */
    @Override
    public CommandResult run(HostTarget host, String step, RemoteCommand command, byte[] stdin, Duration timeout) {
        return execute(host, step, command, new ByteArrayInputStream(stdin), timeout, false);
    }

    @Override
    public CommandResult run(HostTarget host, String step, RemoteCommand command, Path stdin, Duration timeout) {
        try (InputStream in = Files.newInputStream(stdin)) {
            return execute(host, step, command, in, timeout, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stdin + " to send to " + host.name() + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code command} and returns whatever exit code it had; connection failures still throw. */
    @Override
    public CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command, Duration timeout) {
        return execute(host, step, command, null, timeout, true);
    }

    @Override
    public CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command, byte[] stdin, Duration timeout) {
        return execute(host, step, command, new ByteArrayInputStream(stdin), timeout, true);
    }

    @Override
    public CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command) {
        return runAllowingFailure(host, step, command, limits.commandTimeout());
    }

    /** Writes {@code content} to {@code path} atomically with {@code mode} and {@code owner} (user[:group], or null to keep root). */
    @Override
    public void writeFile(HostTarget host, String step, String path, byte[] content, String mode, String owner) {
        files.write(host, step, path, content, mode, owner);
    }

    /**
     * Uploads {@code localFile} to {@code remotePath} through a temp file checked by sha256 on the host; skipped when
     * the target already holds {@code sha256}; retried when the connection drops.
     */
    @Override
    public UploadResult upload(HostTarget host, String step, Path localFile, String remotePath, String sha256) {
        return files.upload(host, step, localFile, remotePath, sha256);
    }

    /** HTTP GET of 127.0.0.1:{@code remotePort}{@code path} on the host; the status code, or -1 when nothing answered. */
    @Override
    public int forwardAndGet(HostTarget host, int remotePort, String path, Duration timeout) {
        HttpOverSsh.requireSafePath(path);
        return connections.withSession(host, "health check", client -> HttpOverSsh.get(client, remotePort, path, timeout, io));
    }

    /** Starts a long-running command whose stdout lines go to {@code lines} until the returned stream is closed. */
    @Override
    public RemoteStream stream(HostTarget host, String step, RemoteCommand command, Consumer<String> lines) {
        return PtyStream.start(connections.acquireStream(host, step), host, step, command, lines, io);
    }

    @Override
    public RemoteProcess start(HostTarget host, String step, RemoteCommand command, Consumer<OutputChunk> output) {
        return ProcessStream.start(connections.acquireStream(host, step), host, step, command, output, io);
    }

    /** The key {@code address:port} presents, for trust on first use. The connection is refused, never used. */
    @Override
    public String fetchHostKey(String address, int port) {
        return connector.fetchHostKey(address, port);
    }

    /**
     * A new connection to {@code host}, outside the pool: a changed host key, a removed authorized_keys line or a
     * stopped sshd shows here at once, whatever the pooled connection still does. When the host refuses the key or
     * presents another host key, its pooled connection is closed too, so deploys see the same answer.
     */
    @Override
    public FreshLogin freshLogin(HostTarget host, String step) {
        try {
            return new SshLogin(connector.connect(host, step), host, step, execution);
        } catch (RemoteFailure failure) {
            if (failure.kind() == RemoteFailure.Kind.HOST_KEY_CHANGED || failure.kind() == RemoteFailure.Kind.LOGIN_REFUSED) {
                connections.forget(host.name());
            }
            throw failure;
        }
    }

    /** Drops the pooled connection to a host, and what its last login said: after its key was re-pinned or it was removed. */
    @Override
    public void forget(String hostName) {
        connections.forget(hostName);
        lastLogins.forget(hostName);
    }

    CommandResult execute(HostTarget host, String step, RemoteCommand command, InputStream stdin, Duration timeout,
                          boolean allowFailure) {
        CommandResult result = connections.withSession(host, step,
                client -> execution.execute(client, host, step, command, stdin, timeout));
        if (!result.ok() && !allowFailure) {
            RemoteFailure failure = RemoteFailure.commandFailed(host, step, command.program(), result);
            LOG.warn("remote step failed host={} step={} exit={}", host.name(), step, result.exitCode());
            throw failure;
        }
        return result;
    }

    @Override
    public void close() {
        connections.close();
        io.shutdownNow();
    }
}
