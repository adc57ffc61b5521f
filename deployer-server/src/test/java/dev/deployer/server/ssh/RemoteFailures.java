package dev.deployer.server.ssh;

import java.io.IOException;
import java.time.Duration;

/** The {@link RemoteFailure}s SshHosts throws, with its own messages, for fakes of {@link HostAccess} in other packages. */
public final class RemoteFailures {
    private RemoteFailures() {}

    /** A step that exited with {@code result}'s non-zero code, as {@code run} reports it. */
    public static RemoteFailure commandFailed(HostTarget host, String step, String program, CommandResult result) {
        return RemoteFailure.commandFailed(host, step, program, result);
    }

    /** A failure of {@code kind} during {@code step}, worded as the real one is. */
    public static RemoteFailure of(RemoteFailure.Kind kind, HostTarget host, String step) {
        return switch (kind) {
            case COMMAND_FAILED -> RemoteFailure.commandFailed(host, step, "false", new CommandResult(1, "", "failed"));
            case TIMED_OUT -> RemoteFailure.timedOut(host, step, Duration.ofSeconds(60));
            case CONNECTION_LOST -> RemoteFailure.connectionLost(host, step, new IOException("Broken pipe"));
            case LINK_LOST -> RemoteFailure.linkLost(host, step, new IOException("Timeout expired: 15000 MILLISECONDS"));
            case UNREACHABLE, LOGIN_REFUSED, HOST_KEY_CHANGED, UPLOAD_CORRUPTED, STREAMS_BUSY -> new RemoteFailure(kind, host.name(), step, -1,
                    "step '" + step + "' on host " + host.name() + " failed: " + kind.name().toLowerCase().replace('_', ' '), null);
        };
    }
}
