package dev.deployer.server.ssh;

import dev.deployer.server.ssh.HostTarget;

/**
 * A step on a host failed. The message names the host, the step and what happened (exit code and
 * stderr tail, or why the connection failed) and says what to do; it never carries the command's
 * arguments or stdin, so no secret reaches it.
 */
public class RemoteFailure extends RuntimeException {
    /** {@code STREAMS_BUSY}: every stream slot of the host is taken; nothing was started on it. */
    public enum Kind { COMMAND_FAILED, TIMED_OUT, UNREACHABLE, CONNECTION_LOST, LINK_LOST, LOGIN_REFUSED, HOST_KEY_CHANGED, UPLOAD_CORRUPTED,
        STREAMS_BUSY }

    private final Kind kind;
    private final String host;
    private final String step;
    private final int exitCode;

    RemoteFailure(Kind kind, String host, String step, int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.host = host;
        this.step = step;
        this.exitCode = exitCode;
    }

    public static RemoteFailure commandFailed(HostTarget host, String step, String program, CommandResult result) {
        String tail = result.stderrTail();
        return new RemoteFailure(Kind.COMMAND_FAILED, host.name(), step, result.exitCode(),
                "step '" + step + "' failed on host " + host.name() + ": " + program + " exited with " + result.exitCode()
                        + (tail.isEmpty() ? " and printed nothing on stderr" : ": " + tail), null);
    }

    static RemoteFailure timedOut(HostTarget host, String step, java.time.Duration timeout) {
        return new RemoteFailure(Kind.TIMED_OUT, host.name(), step, -1, "step '" + step + "' on host " + host.name()
                + " did not finish within " + timeout.toSeconds() + " s and was stopped", null);
    }

    static RemoteFailure stalled(HostTarget host, String step, java.time.Duration stall) {
        return new RemoteFailure(Kind.TIMED_OUT, host.name(), step, -1, "step '" + step + "' on host " + host.name()
                + " was stopped: the host took none of its input for " + stall.toSeconds() + " s although it still answers", null);
    }

    static RemoteFailure connectionLost(HostTarget host, String step, Throwable cause) {
        return new RemoteFailure(Kind.CONNECTION_LOST, host.name(), step, -1, "the SSH connection to host " + host.name()
                + " broke during step '" + step + "' (" + reason(cause) + ")", cause);
    }

    /** The host stopped answering (keepalives unanswered): its link or the host itself is down, so nothing retries on it. */
    static RemoteFailure linkLost(HostTarget host, String step, Throwable cause) {
        return new RemoteFailure(Kind.LINK_LOST, host.name(), step, -1, "host " + host.name() + " stopped answering during step '"
                + step + "' (" + reason(cause) + "): its network link or the host itself is down. Check that it is up and "
                + "reachable, then deploy again", cause);
    }

    /** The same failure for another step that waited on it. */
    RemoteFailure forStep(String otherStep) {
        return new RemoteFailure(kind, host, otherStep, exitCode, getMessage(), getCause());
    }

    public Kind kind() { return kind; }
    public String host() { return host; }
    public String step() { return step; }
    /** The remote exit code, or -1 when the command never ran to an exit. */
    public int exitCode() { return exitCode; }

    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
