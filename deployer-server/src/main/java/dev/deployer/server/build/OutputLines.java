package dev.deployer.server.build;

import dev.deployer.server.ssh.LineSplitter;
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
        LineSplitter splitter = new LineSplitter(maxLine, lines);
        char[] buffer = new char[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            splitter.accept(buffer, 0, n);
        }
        splitter.finish();
    }
}
