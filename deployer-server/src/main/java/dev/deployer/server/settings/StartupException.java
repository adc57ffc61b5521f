package dev.deployer.server.settings;

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

    /** Prints the one sentence when {@code e} is (or wraps) a StartupException; false otherwise. */
    public static boolean report(io.dropwizard.core.cli.Cli cli, Throwable e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof StartupException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return false;
        }
        cli.getStdErr().println("deployer cannot start: " + cause.getMessage());
        return true;
    }
}
