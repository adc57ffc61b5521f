package dev.deployer.server.build;

import java.util.List;

/**
 * A build that did not produce an artifact: it failed, timed out, was cancelled, or left no
 * single runnable jar. The message says why and what to do; {@link #lastLines()} holds the end
 * of the build's output, which is usually where the cause is.
 */
public class BuildFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> lastLines;

    public BuildFailure(String message, List<String> lastLines) {
        super(message);
        this.lastLines = List.copyOf(lastLines);
    }

    /** Up to the last {@link BuildOutput#TAIL_LINES} lines of the build's output. */
    public List<String> lastLines() {
        return lastLines;
    }
}
