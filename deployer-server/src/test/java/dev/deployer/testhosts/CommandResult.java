package dev.deployer.testhosts;

import java.util.List;

/**
 * Outcome of a local process run by the test-host harness (an {@code ssh} invocation or the
 * {@code scripts/testhosts} script).
 *
 * @param command  the argv that was run
 * @param exitCode the exit code, or {@code -1} when the process was killed after its timeout
 * @param stdout   everything the process printed on standard output
 * @param stderr   everything it printed on standard error (empty when it was merged into stdout)
 * @param timedOut whether the process was killed because it ran past its timeout
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

    public CommandResult {
        command = List.copyOf(command);
    }

    /** Whether the process exited with 0. */
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** Returns this result if it succeeded, otherwise throws an {@link AssertionError} that describes it. */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new AssertionError(describe());
        }
        return this;
    }

    /** {@link #stdout()} without the trailing newline(s). */
    public String out() {
        return stdout.stripTrailing();
    }

    /** A multi-line description for failure messages: command, exit code and both outputs. */
    public String describe() {
        return "command " + command + (timedOut ? " timed out" : " exited " + exitCode)
                + "\n--- stdout ---\n" + stdout.stripTrailing()
                + "\n--- stderr ---\n" + stderr.stripTrailing();
    }

    /** The last {@code lines} lines of stdout and stderr, for short failure messages. */
    public String tail(int lines) {
        String all = (stdout.stripTrailing() + "\n" + stderr.stripTrailing()).strip();
        List<String> split = all.lines().toList();
        return String.join("\n", split.subList(Math.max(0, split.size() - lines), split.size()));
    }
}
