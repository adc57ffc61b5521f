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
 * the deployment still stores the lines it was given.
 */
final class BuildOutput implements Consumer<String> {
    static final int TAIL_LINES = 50;
    /** Builder's own lines stand out from the build tool's, the way Heroku's do. */
    static final String STEP = "-----> ";
    private static final Logger LOG = LoggerFactory.getLogger(BuildOutput.class);

    private final Consumer<String> follower;
    private final String app;
    private final Deque<String> tail = new ArrayDeque<>();
    private boolean followerFailed;

    BuildOutput(Consumer<String> follower, String app) {
        this.follower = follower;
        this.app = app;
    }

    /** A line of the build tool's output; called from the thread that reads the process. */
    @Override
    public synchronized void accept(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
        forward(line);
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
