package dev.deployer.server.deploy;

/** A step that failed on a host (or on the server when {@code host} is null). The message is safe to show. */
public class StepFailure extends RuntimeException {
    private final String host;
    private final String step;

    public StepFailure(String host, String step, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.step = step;
    }

    public String host() {
        return host;
    }

    public String step() {
        return step;
    }

    /** "web1: health: ..." for the deployment's reason. */
    public String summary() {
        return (host == null ? "" : host + ": ") + step + ": " + getMessage();
    }
}
