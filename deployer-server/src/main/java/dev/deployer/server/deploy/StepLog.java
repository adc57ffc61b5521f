package dev.deployer.server.deploy;

import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs one named step of a deployment and reports it as events: started, then ok or failed with
 * its duration. A failure is rethrown as {@link StepFailure} naming host and step.
 */
public class StepLog {
    /** Output lines stored as events; the rest reach live followers and the output tail only. */
    static final int STORED_OUTPUT_LINES = 5_000;
    /** The build output kept per deployment after it ended: the last 2 MiB. */
    static final long OUTPUT_TAIL_CHARS = 2L * 1024 * 1024;

    private final DeploymentEvents events;
    private final long deployment;
    private final String app;
    private final DeploymentObserver observer;
    private final OutputTail output = new OutputTail(OUTPUT_TAIL_CHARS);

    public StepLog(DeploymentEvents events, long deployment, String app) {
        this(events, deployment, app, DeploymentObserver.NONE);
    }

    /** {@code observer} hears of each step that ends and each upload; it is guarded, so it never changes a step. */
    public StepLog(DeploymentEvents events, long deployment, String app, DeploymentObserver observer) {
        this.events = events;
        this.deployment = deployment;
        this.app = app;
        this.observer = GuardedObserver.of(observer);
    }

    public void step(HostTarget host, String step, Supplier<String> work) {
        stepWith(host, step, () -> new StepResult<>(null, work.get()));
    }

    public <T> T stepWith(HostTarget host, String step, Supplier<StepResult<T>> work) {
        String hostName = host == null ? null : host.name();
        long started = System.nanoTime();
        try {
            StepResult<T> result = work.get();
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            events.emit(deployment, app, hostName, step, "ok", tookMs, result.message());
            observer.stepEnded(app, hostName, step, true, Duration.ofMillis(tookMs));
            return result.value();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            events.emit(deployment, app, hostName, step, "failed", tookMs, message);
            observer.stepEnded(app, hostName, step, false, Duration.ofMillis(tookMs));
            throw e instanceof StepFailure failure ? failure : new StepFailure(hostName, step, message, e);
        }
    }

    /** Artifact bytes sent to {@code host}, for the observer (metrics); nothing when none were. */
    void uploaded(HostTarget host, long bytes) {
        if (bytes > 0) {
            observer.uploaded(app, host == null ? null : host.name(), bytes);
        }
    }

    /** A message that is not a step: a decision of the rollout, said to whoever follows. */
    public void note(HostTarget host, String step, String message) {
        events.emit(deployment, app, host == null ? null : host.name(), step, "info", null, message);
    }

    /** One line of build output: to followers always, to the stored events only up to a bound, to the tail always. */
    public void output(String step, String line) {
        output.add(line);
        long count = output.totalLines();
        if (count <= STORED_OUTPUT_LINES) {
            events.emit(deployment, app, null, step, "output", null, line);
        } else {
            if (count == STORED_OUTPUT_LINES + 1) {
                note(null, step, "more than " + STORED_OUTPUT_LINES + " lines of output: the rest is not kept as events; "
                        + "the last 2 MiB are kept as the deployment's output (GET /api/deployments/" + deployment + "/output)");
            }
            events.live(deployment, step, "output", line);
        }
    }

    /** The output so far, bounded: what {@code GET /api/deployments/ID/output} shows once the deployment ended. */
    OutputTail output() {
        return output;
    }
}
