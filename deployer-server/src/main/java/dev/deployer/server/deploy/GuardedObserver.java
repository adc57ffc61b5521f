package dev.deployer.server.deploy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An observer whose throws are logged (the first one as a warning, later ones quietly) and never reach the deployment. */
final class GuardedObserver implements DeploymentObserver {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedObserver.class);

    private final DeploymentObserver inner;
    private final AtomicBoolean warned = new AtomicBoolean();

    private GuardedObserver(DeploymentObserver inner) {
        this.inner = inner;
    }

    static DeploymentObserver of(DeploymentObserver observer) {
        return observer == DeploymentObserver.NONE || observer instanceof GuardedObserver ? observer : new GuardedObserver(observer);
    }

    @Override
    public void observed(Notice notice) {
        guard(() -> inner.observed(notice));
    }

    @Override
    public void stepEnded(String app, String host, String step, boolean ok, Duration took) {
        guard(() -> inner.stepEnded(app, host, step, ok, took));
    }

    @Override
    public void uploaded(String app, String host, long bytes) {
        guard(() -> inner.uploaded(app, host, bytes));
    }

    private void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("a deployment observer failed ({}); deployments go on unaffected, later failures are logged at debug",
                        e.toString());
            } else {
                LOG.debug("a deployment observer failed again: {}", e.toString());
            }
        }
    }
}
