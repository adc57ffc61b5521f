package dev.deployer.cli;

import dev.deployer.api.DeployerClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rollback",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer rollback shop",
                "  deployer rollback shop v3 --wait",
                "  deployer rollback shop v3 --run-release"},
        description = "Make a new release copying an old one (default: the last good one before the "
        + "current) and deploy it: nothing is built; follows progress until done.")
public class RollbackCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter app;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "e.g. v3 or 3")
    String version;

    @Mixin
    WaitOption waitTurn;

    @picocli.CommandLine.Option(names = "--run-release", description = "run the old release's Procfile release command again "
            + "(by default a rollback does not)")
    boolean runRelease;

    public RollbackCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        Integer wanted = null;
        if (version != null) {
            if (!version.matches("v?[1-9][0-9]{0,8}")) {
                throw new UsageException("VERSION must look like v3 or 3 (got '" + version + "')");
            }
            wanted = Integer.valueOf(version.startsWith("v") ? version.substring(1) : version);
        }
        DeployerClient client = connection.client();
        return DeploymentFollower.follow(client, client.rollback(name, wanted, waitTurn.enabled(), runRelease), spec.commandLine().getOut());
    }
}
