package dev.deployer.cli;

/** Bad usage or input: exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
