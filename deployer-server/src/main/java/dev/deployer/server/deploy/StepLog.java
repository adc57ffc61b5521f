package dev.deployer.server.deploy;

import dev.deployer.server.hosts.HostTarget;
import java.util.function.Supplier;

/**
 * Runs one named step of a deployment and reports it as events: started, then ok or failed with
 * its duration. A failure is rethrown as {@link StepFailure} naming host and step.
 */
public class StepLog {
    private final DeploymentEvents events;
    private final long deployment;
    private final String app;

    public StepLog(DeploymentEvents events, long deployment, String app) {
        this.events = events;
        this.deployment = deployment;
        this.app = app;
    }

    public void step(HostTarget host, String step, Supplier<String> work) {
        stepWith(host, step, () -> new StepResult<>(null, work.get()));
    }

    public <T> T stepWith(HostTarget host, String step, Supplier<StepResult<T>> work) {
        String hostName = host == null ? null : host.name();
        long started = System.nanoTime();
        try {
            StepResult<T> result = work.get();
            events.emit(deployment, app, hostName, step, "ok", (System.nanoTime() - started) / 1_000_000, result.message());
            return result.value();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            events.emit(deployment, app, hostName, step, "failed", (System.nanoTime() - started) / 1_000_000, message);
            throw e instanceof StepFailure failure ? failure : new StepFailure(hostName, step, message, e);
        }
    }

    /** A message that is not a step: a decision of the rollout, said to whoever follows. */
    public void note(HostTarget host, String step, String message) {
        events.emit(deployment, app, host == null ? null : host.name(), step, "info", null, message);
    }

    /** One line of build output. */
    public void output(String step, String line) {
        events.emit(deployment, app, null, step, "output", null, line);
    }
}
