package dev.deployer.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "remove",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer notify remove shop 3",
                "  deployer notify shop   # shows the IDs"},
        description = "Remove one of an app's notification webhooks by its ID.")
public class NotifyRemoveCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter app;

    @Parameters(index = "1", paramLabel = "ID", description = "the webhook's ID, as 'deployer notify APP' lists it")
    long id;

    public NotifyRemoveCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        connection.client().send("DELETE", NotifyCommand.path(name) + "/" + id, null, new TypeReference<Void>() {});
        spec.commandLine().getOut().println("Removed webhook " + id + " from " + name + ".");
        return DeployerCli.OK;
    }
}
