package dev.deployer.cli;

/** Runs a validator from {@code dev.deployer.api.Names}, turning its complaint into exit code 2. */
final class Validation {
    private Validation() {}

    static void check(Runnable validator) {
        try {
            validator.run();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
