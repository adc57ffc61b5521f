package dev.deployer.server.deploy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last {@code maxChars} of a deployment's output lines, and how much came in all. Lines are
 * dropped from the front once the tail is full, like {@code tail -c}.
 */
final class OutputTail {
    private final long maxChars;
    private final Deque<String> lines = new ArrayDeque<>();
    private long keptChars;
    private long totalChars;
    private long totalLines;

    OutputTail(long maxChars) {
        this.maxChars = maxChars;
    }

    synchronized void add(String line) {
        String kept = line.length() >= maxChars ? line.substring(line.length() - (int) (maxChars - 1)) : line;
        lines.addLast(kept);
        keptChars += kept.length() + 1;
        totalChars += line.length() + 1;
        totalLines++;
        while (keptChars > maxChars) {
            keptChars -= lines.removeFirst().length() + 1;
        }
    }

    synchronized long totalLines() {
        return totalLines;
    }

    synchronized long totalChars() {
        return totalChars;
    }

    /** The kept lines, each ending in a newline: at most {@code maxChars} characters. */
    synchronized String text() {
        StringBuilder text = new StringBuilder((int) keptChars);
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
