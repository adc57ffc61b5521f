package dev.deployer.cli;

import dev.deployer.api.ConfigChange;
import dev.deployer.api.DeployerClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "set",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer config set shop DATABASE_URL=jdbc:postgresql://db/shop",
                "  deployer config set shop GREETING='hello world' --no-restart",
                "  deployer config set shop FEATURE_X=on --detach"},
        description = "Set config vars: KEY=VALUE, the value taken exactly as given (quotes, spaces, "
        + "newlines and all). Makes a new release and restarts the app unless --no-restart, and follows that "
        + "restart until done.")
public class ConfigSetCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "--no-restart", description = "store only; the app sees the change at its next deploy or restart")
    boolean noRestart;

    @Option(names = "--detach", description = "print the deployment the change started without following it")
    boolean detach;

    @Mixin
    AppParameter app;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> assignments;

    public ConfigSetCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        Map<String, String> values = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals < 0) {
                throw new UsageException("write each var as KEY=VALUE (got an argument without '='; to unset, use "
                        + "'deployer config unset " + name + " KEY')");
            }
            String key = assignment.substring(0, equals);
            AppArguments.configKey(key);
            if (values.put(key, assignment.substring(equals + 1)) != null) {
                throw new UsageException(key + " is given twice");
            }
        }
        DeployerClient client = connection.client();
        ConfigChange change = client.changeConfig(name, values, !noRestart);
        return ConfigCommand.finish(client, spec.commandLine().getOut(), name, change, json.enabled(), detach);
    }
}
