package dev.deployer.server.errors;

import java.util.function.Supplier;

/** What the caller sent cannot be accepted: a bad name, a missing field, a value out of range. */
public final class InvalidInput extends DomainException {
    public InvalidInput(String message) {
        super(message);
    }

    /**
     * The validators (Names, HostInput, AppFields, ...) throw IllegalArgumentException with a message
     * for the user; this turns that into invalid input, so the check is written once per call site
     * instead of a try/catch each.
     */
    public static <T> T check(Supplier<T> validation) {
        try {
            return validation.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}
