package dev.deployer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "remove",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer hosts remove web1"},
        description = "Remove a host (refused while an app uses it). Nothing on the host is touched.")
public class HostRemoveCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    public HostRemoveCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        HostArguments.name(name);
        connection.client().removeHost(name);
        spec.commandLine().getOut().println("Removed host " + name + ".");
        return DeployerCli.OK;
    }
}
