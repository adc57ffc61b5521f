package dev.deployer.server.errors;

/** The request is well formed but the state forbids it now (already exists, in use, busy, nothing to roll back to). */
public final class Conflict extends DomainException {
    public Conflict(String message) {
        super(message);
    }
}
