package dev.deployer.server;

/**
 * A setting that stops the server from starting. Its message is one sentence naming the setting
 * and the fix; it is printed without a stack trace.
 */
public class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
