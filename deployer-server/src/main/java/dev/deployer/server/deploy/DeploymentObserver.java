package dev.deployer.server.deploy;

import java.time.Duration;

/**
 * Told when a deployment's rollout starts and when the deployment ends (notifications, metrics), and, for
 * counting, of each step that ends and each artifact upload. Called on the deployment's threads: an
 * implementation only queues or notes a number and returns at once; whatever it throws is logged and
 * ignored ({@link GuardedObserver}), because an observer never changes an outcome.
 */
public interface DeploymentObserver {
    DeploymentObserver NONE = notice -> {};

    void observed(Notice notice);

    /** A step ended ({@code build}, {@code artifact}, {@code health}, ...); {@code host} is null for server-side steps. */
    default void stepEnded(String app, String host, String step, boolean ok, Duration took) {}

    /** {@code bytes} of an artifact (whole jar or patch) went to {@code host}; only called when some did. */
    default void uploaded(String app, String host, long bytes) {}

    /** Each of {@code observers} told in turn, each guarded: one that fails or throws never keeps the next from hearing. */
    static DeploymentObserver all(DeploymentObserver... observers) {
        return new Fanout(java.util.Arrays.stream(observers).map(GuardedObserver::of).toList());
    }

    /**
     * One moment of one deployment. {@code phase}: {@code started} (the release is ready and the
     * rollout begins), {@code succeeded} or {@code failed}. {@code version} and {@code commit} are
     * null when the deployment failed before it had a release (a failed build); {@code commit} is
     * null for a release made without one. {@code took}, on the end only: from the deployment's start
     * on its thread (after any wait for its turn; the build included) to its end.
     */
    record Notice(long deployment, String app, String kind, String phase, Integer version, String commit, String who,
                  String reason, Duration took) {
        public Notice(long deployment, String app, String kind, String phase, Integer version, String commit, String who,
                      String reason) {
            this(deployment, app, kind, phase, version, commit, who, reason, null);
        }
    }

    /** What {@link #all} returns. */
    record Fanout(java.util.List<DeploymentObserver> observers) implements DeploymentObserver {
        @Override
        public void observed(Notice notice) {
            observers.forEach(observer -> observer.observed(notice));
        }

        @Override
        public void stepEnded(String app, String host, String step, boolean ok, Duration took) {
            observers.forEach(observer -> observer.stepEnded(app, host, step, ok, took));
        }

        @Override
        public void uploaded(String app, String host, long bytes) {
            observers.forEach(observer -> observer.uploaded(app, host, bytes));
        }
    }
}
