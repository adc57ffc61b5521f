package dev.deployer.server.build;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one build on its way to whoever follows it, keeping the last lines for the
 * failure message. A follower that fails (a git client that hung up) does not stop the build:
 * the deployment still stores the lines it was given. Bounded: lines are cut at {@link #MAX_LINE}
 * characters (by {@link OutputLines}), and after {@link #MAX_FORWARDED} characters of a build
 * tool's output the follower gets no more lines until the end, when it is told how many it missed
 * and gets the last ones (where a failure's cause usually is).
 */
final class BuildOutput implements Consumer<String> {
    static final int TAIL_LINES = 50;
    static final int MAX_LINE = 4096;
    static final long MAX_FORWARDED = 8L * 1024 * 1024;
    /** Builder's own lines stand out from the build tool's, the way Heroku's do. */
    static final String STEP = "-----> ";
    private static final Logger LOG = LoggerFactory.getLogger(BuildOutput.class);

    private final Consumer<String> follower;
    private final String app;
    private final Deque<String> tail = new ArrayDeque<>();
    private boolean followerFailed;
    private final long maxForwarded;
    private long forwarded;
    private long held;

    BuildOutput(Consumer<String> follower, String app) {
        this(follower, app, MAX_FORWARDED);
    }

    BuildOutput(Consumer<String> follower, String app, long maxForwarded) {
        this.follower = follower;
        this.app = app;
        this.maxForwarded = maxForwarded;
    }

    /** A line of the build tool's output; called from the thread that reads the process. */
    @Override
    public synchronized void accept(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
        if (held > 0 || forwarded + line.length() > maxForwarded) {
            if (held++ == 0) {
                forward(STEP + "the build's output passed " + maxForwarded + " characters: further lines are "
                        + "held back; its last lines follow when it ends");
            }
            return;
        }
        forwarded += line.length();
        forward(line);
    }

    /** The build ended: a follower that missed lines hears how many, then gets the last ones. */
    synchronized void finish() {
        if (held == 0) {
            return;
        }
        int shown = (int) Math.min(held, tail.size());
        forward(STEP + (held - shown) + " lines of build output not shown; the last " + shown + ":");
        tail.stream().skip(tail.size() - shown).forEach(this::forward);
        held = 0;
    }

    /** One of the builder's own steps: followed, but not part of the build tool's output tail. */
    synchronized void step(String message) {
        forward(STEP + message);
    }

    synchronized List<String> lastLines() {
        return List.copyOf(tail);
    }

    private void forward(String line) {
        try {
            follower.accept(line);
        } catch (RuntimeException e) {
            if (!followerFailed) {
                followerFailed = true;
                LOG.warn("build output follower failed, build goes on app={} error={}", app, e.toString());
            }
        }
    }
}
