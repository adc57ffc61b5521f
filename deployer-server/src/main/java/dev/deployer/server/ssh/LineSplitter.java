package dev.deployer.server.ssh;

import java.util.function.Consumer;

/**
 * Text that arrives in pieces (a process's output, read in buffers or streamed from a host) as lines of at most
 * {@code maxLine} characters: {@code \n}, {@code \r} and {@code \r\n} end one; a longer line is cut, marked with how
 * much was left out, and the rest of it is dropped as it comes, never kept. Not thread-safe: one per stream.
 */
public final class LineSplitter {
    private final int maxLine;
    private final Consumer<String> lines;
    private final StringBuilder line = new StringBuilder();
    private long dropped;
    private boolean afterCr;

    public LineSplitter(int maxLine, Consumer<String> lines) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("a line holds at least one character");
        }
        this.maxLine = maxLine;
        this.lines = lines;
    }

    public void accept(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            accept(text.charAt(i));
        }
    }

    public void accept(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            accept(buffer[i]);
        }
    }

    private void accept(char c) {
        if (c == '\n' && afterCr) {
            afterCr = false; // the \n of a \r\n: its line went out at the \r
            return;
        }
        afterCr = c == '\r';
        if (c == '\n' || c == '\r') {
            emit();
        } else if (line.length() < maxLine) {
            line.append(c);
        } else {
            dropped++;
        }
    }

    /** The end of the text: a last line without its newline goes out too. */
    public void finish() {
        if (line.length() > 0 || dropped > 0) {
            emit();
        }
    }

    private void emit() {
        lines.accept(dropped == 0 ? line.toString() : line + " … (" + dropped + " more characters)");
        line.setLength(0);
        dropped = 0;
    }
}
