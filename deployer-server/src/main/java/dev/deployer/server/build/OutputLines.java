package dev.deployer.server.build;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * Splits a process's output into lines of at most {@code maxLine} characters: a longer line is
 * cut, marked with how much was left out, and the rest of it is read and dropped, never kept.
 * A build that prints a gigabyte without a newline costs one line's worth of memory.
 */
final class OutputLines {
    private OutputLines() {}

    static void read(Reader in, int maxLine, Consumer<String> lines) throws IOException {
        StringBuilder line = new StringBuilder();
        long dropped = 0;
        boolean afterCr = false;
        char[] buffer = new char[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                char c = buffer[i];
                if (c == '\n' && afterCr) {
                    afterCr = false; // the \n of a \r\n: its line went out at the \r
                    continue;
                }
                afterCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    lines.accept(cut(line, dropped));
                    line.setLength(0);
                    dropped = 0;
                } else if (line.length() < maxLine) {
                    line.append(c);
                } else {
                    dropped++;
                }
            }
        }
        if (line.length() > 0 || dropped > 0) {
            lines.accept(cut(line, dropped));
        }
    }

    private static String cut(StringBuilder line, long dropped) {
        return dropped == 0 ? line.toString() : line + " … (" + dropped + " more characters)";
    }
}
