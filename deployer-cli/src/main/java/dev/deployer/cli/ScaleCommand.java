package dev.deployer.cli;

import dev.deployer.api.DeployerClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "scale",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer scale shop worker=2",
                "  deployer scale shop worker=0 clock=1",
                "  deployer scale shop worker=3 --wait"},
        description = "Set how many instances of Procfile process types run on each host (0..16; web only 1): "
        + "a new release at that formation is deployed; follows progress until done.")
public class ScaleCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter app;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TYPE=N", description = "e.g. worker=2")
    List<String> counts;

    @Mixin
    WaitOption waitTurn;

    public ScaleCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        Map<String, Integer> wanted = new TreeMap<>();
        for (String pair : counts) {
            if (!pair.matches("^[a-z][a-z0-9_]{0,29}=[0-9]{1,2}$")) {
                throw new UsageException("TYPE=N expected, like worker=2 (got '" + pair + "')");
            }
            String[] parts = pair.split("=", 2);
            wanted.put(parts[0], Integer.valueOf(parts[1]));
        }
        DeployerClient client = connection.client();
        return DeploymentFollower.follow(client, client.scale(app.name(), wanted, waitTurn.enabled()), spec.commandLine().getOut());
    }
}
