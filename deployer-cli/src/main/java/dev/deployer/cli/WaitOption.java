package dev.deployer.cli;

import picocli.CommandLine.Option;

/** {@code --wait} for every command that starts a deployment: queue behind a running one instead of failing. */
public class WaitOption {
    @Option(names = "--wait", description = "queue behind a running deployment instead of failing")
    boolean waitTurn;

    public boolean enabled() {
        return waitTurn;
    }
}
