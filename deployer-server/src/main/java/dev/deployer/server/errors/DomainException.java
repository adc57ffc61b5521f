package dev.deployer.server.errors;

/**
 * A failure the caller can understand and act on, thrown by services in the words of the domain.
 * Knows nothing of HTTP: {@code http.DomainErrors} is the one place that answers each kind with its
 * status and the message as the JSON error of the contract. The message goes to the user as it is,
 * so it says what is wrong and what to do, and never carries a secret.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Conflict, InvalidInput, HostFailure {
    DomainException(String message) {
        super(message);
    }
}
