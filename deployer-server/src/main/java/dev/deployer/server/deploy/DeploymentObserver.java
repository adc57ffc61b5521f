package dev.deployer.server.deploy;

/**
 * Told when a deployment's rollout starts and when the deployment ends (notifications, metrics).
 * Called on the deployment's thread: an implementation only queues and returns at once; whatever
 * it throws is logged and ignored, because an observer never changes an outcome.
 */
public interface DeploymentObserver {
    DeploymentObserver NONE = notice -> {};

    void observed(Notice notice);

    /**
     * One moment of one deployment. {@code phase}: {@code started} (the release is ready and the
     * rollout begins), {@code succeeded} or {@code failed}. {@code version} and {@code commit} are
     * null when the deployment failed before it had a release (a failed build); {@code commit} is
     * null for a release made without one.
     */
    record Notice(long deployment, String app, String kind, String phase, Integer version, String commit, String who,
                  String reason) {}
}
