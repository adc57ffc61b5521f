package dev.deployer.cli;

import picocli.CommandLine.Parameters;

/**
 * The APP argument of every command about one app. {@link #name()} checks it with the app-name
 * rule of {@code Names} before anything is sent: a bad name is exit 2. Checked when the command
 * runs rather than while parsing, so {@code --help} still answers whatever the argument is.
 */
public class AppParameter {
    @Parameters(index = "0", paramLabel = "APP", description = "the app: 1-30 lowercase letters, digits and '-', starting with a letter")
    String value;

    /** The app's name; throws {@link UsageException} (exit 2) when it is not a valid one. */
    public String name() {
        return AppArguments.name(value);
    }
}
