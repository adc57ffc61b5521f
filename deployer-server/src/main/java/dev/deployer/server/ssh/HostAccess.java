package dev.deployer.server.ssh;

import dev.deployer.server.remote.RemoteCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a feature asks of a host: run a command, follow one, put a file there, reach its HTTP port, log in anew,
 * forget a connection. {@link SshHosts} does it over SSH; tests hand in a recording fake. Every failure to reach
 * the host or of a step is a {@link RemoteFailure} naming the host and the step.
 */
public interface HostAccess {
    /** Runs {@code command}; a non-zero exit throws {@link RemoteFailure} with the exit code and stderr tail. */
    CommandResult run(HostTarget host, String step, RemoteCommand command, Duration timeout);

    /** {@link #run(HostTarget, String, RemoteCommand, Duration)} within the default command timeout. */
    CommandResult run(HostTarget host, String step, RemoteCommand command);

    /** Runs {@code command} with {@code stdin} as its input: content reaches the host without a local temp file or argv. */
    CommandResult run(HostTarget host, String step, RemoteCommand command, byte[] stdin, Duration timeout);

    /** Runs {@code command} with the file {@code stdin} streamed as its input (never whole in memory). */
    CommandResult run(HostTarget host, String step, RemoteCommand command, Path stdin, Duration timeout);

    /** Runs {@code command} and returns whatever exit code it had; connection failures still throw. */
    CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command, Duration timeout);

    /** {@link #runAllowingFailure(HostTarget, String, RemoteCommand, Duration)} with {@code stdin} as the command's input. */
    CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command, byte[] stdin, Duration timeout);

    /** {@link #runAllowingFailure(HostTarget, String, RemoteCommand, Duration)} within the default command timeout. */
    CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command);

    /** Writes {@code content} to {@code path} atomically with {@code mode} and {@code owner} (user[:group], or null to keep root). */
    void writeFile(HostTarget host, String step, String path, byte[] content, String mode, String owner);

    /**
     * Uploads {@code localFile} to {@code remotePath}, checked by sha256 on the host; skipped when the target already
     * holds {@code sha256}.
     */
    UploadResult upload(HostTarget host, String step, Path localFile, String remotePath, String sha256);

    /** HTTP GET of 127.0.0.1:{@code remotePort}{@code path} on the host; the status code, or -1 when nothing answered. */
    int forwardAndGet(HostTarget host, int remotePort, String path, Duration timeout);

    /** Starts a long-running command whose stdout lines go to {@code lines} until the returned stream is closed. */
    RemoteStream stream(HostTarget host, String step, RemoteCommand command, Consumer<String> lines);

    /**
     * Starts {@code command} with its stdin closed and hands its stdout and stderr to {@code output} as they come,
     * until it ends; the returned process gives its exit code. Draws on the host's stream slots, like {@link #stream}.
     */
    RemoteProcess start(HostTarget host, String step, RemoteCommand command, Consumer<OutputChunk> output);

    /** The key {@code address:port} presents, for trust on first use. */
    String fetchHostKey(String address, int port);

    /** A login of its own, opened now: proves that the host accepts the key today. Close it after use. */
    FreshLogin freshLogin(HostTarget host, String step);

    /** Drops any kept connection to a host: after its key was re-pinned or it was removed. */
    void forget(String hostName);
}
