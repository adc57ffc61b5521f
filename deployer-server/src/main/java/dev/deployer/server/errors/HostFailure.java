package dev.deployer.server.errors;

/** A host the request needed could not be reached or did not do its part; nothing was saved, so it can be retried. */
public final class HostFailure extends DomainException {
    public HostFailure(String message) {
        super(message);
    }
}
