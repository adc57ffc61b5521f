package dev.deployer.server.errors;

/** What the caller named does not exist (no such app, host, release, deployment, token). */
public final class NotFound extends DomainException {
    public NotFound(String message) {
        super(message);
    }
}
