package dev.deployer.testhosts;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs local processes from an argv list (never through a shell) and collects their output. */
final class Processes {

    private Processes() {
    }

    /**
     * Runs {@code command} with standard input from {@code /dev/null}.
     *
     * @param env        variables added to (or replacing) this JVM's environment
     * @param mergeErr   send stderr into stdout (the result's stderr is then empty)
     * @param lineEcho   called with every stdout line as it arrives, or {@code null}
     */
    static CommandResult run(List<String> command, Map<String, String> env, Duration timeout,
                             boolean mergeErr, Consumer<String> lineEcho) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(mergeErr);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new CommandResult(command, 127, "", "cannot start " + command.get(0) + ": " + e.getMessage(), false);
        }
        Drain out = new Drain(process.getInputStream(), lineEcho);
        Drain err = new Drain(process.getErrorStream(), null);
        out.start();
        err.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            out.join(TimeUnit.SECONDS.toMillis(10));
            err.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        return new CommandResult(command, finished ? process.exitValue() : -1, out.text(), err.text(), !finished);
    }

    /** Reads a stream to the end on its own thread, so neither pipe can fill up and block the child. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final Consumer<String> lineEcho;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Drain(InputStream in, Consumer<String> lineEcho) {
            this.in = in;
            this.lineEcho = lineEcho;
            setDaemon(true);
            setName("testhosts-drain");
        }

        @Override
        public void run() {
            try (in) {
                byte[] chunk = new byte[8192];
                int lineStart = 0;
                int n;
                while ((n = in.read(chunk)) > 0) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                    }
                    if (lineEcho != null) {
                        lineStart = echoLines(lineStart);
                    }
                }
                if (lineEcho != null) {
                    String rest = text().substring(Math.min(lineStart, text().length()));
                    if (!rest.isEmpty()) {
                        lineEcho.accept(rest);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Echoes the complete lines after {@code from}; returns where the next line starts. */
        private int echoLines(int from) {
            String all = text();
            int newline;
            while ((newline = all.indexOf('\n', from)) >= 0) {
                lineEcho.accept(all.substring(from, newline));
                from = newline + 1;
            }
            return from;
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
