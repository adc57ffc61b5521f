package dev.deployer.server.ssh;

import dev.deployer.server.hosts.HostTarget;

/**
 * A step on a host failed. The message names the host, the step and what happened (exit code and
 * stderr tail, or why the connection failed) and says what to do; it never carries the command's
 * arguments or stdin, so no secret reaches it.
 */
public class RemoteFailure extends RuntimeException {
    public enum Kind { COMMAND_FAILED, TIMED_OUT, UNREACHABLE, CONNECTION_LOST, LOGIN_REFUSED, HOST_KEY_CHANGED, UPLOAD_CORRUPTED }

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

    static RemoteFailure commandFailed(HostTarget host, String step, String program, CommandResult result) {
        String tail = result.stderrTail();
        return new RemoteFailure(Kind.COMMAND_FAILED, host.name(), step, result.exitCode(),
                "step '" + step + "' failed on host " + host.name() + ": " + program + " exited with " + result.exitCode()
                        + (tail.isEmpty() ? " and printed nothing on stderr" : ": " + tail), null);
    }

    static RemoteFailure timedOut(HostTarget host, String step, java.time.Duration timeout) {
        return new RemoteFailure(Kind.TIMED_OUT, host.name(), step, -1, "step '" + step + "' on host " + host.name()
                + " did not finish within " + timeout.toSeconds() + " s and was stopped", null);
    }

    static RemoteFailure connectionLost(HostTarget host, String step, Throwable cause) {
        return new RemoteFailure(Kind.CONNECTION_LOST, host.name(), step, -1, "the SSH connection to host " + host.name()
                + " broke during step '" + step + "' (" + reason(cause) + ")", cause);
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
