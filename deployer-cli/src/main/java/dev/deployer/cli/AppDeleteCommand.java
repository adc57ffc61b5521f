package dev.deployer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "delete",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer apps delete shop",
                "  deployer apps delete shop --purge"},
        description = "Stop the app and remove its unit and env file from its hosts. Its release history "
        + "is kept (creating the app again brings it back) unless --purge.")
public class AppDeleteCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Option(names = "--purge", description = "also drop the release history, for good")
    boolean purge;

    @Mixin
    AppParameter app;

    public AppDeleteCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        connection.client().deleteApp(name, purge);
        spec.commandLine().getOut().println("Deleted app " + name + (purge ? " and its release history." : "; its release history is kept."));
        return DeployerCli.OK;
    }
}
