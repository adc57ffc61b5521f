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

@Command(name = "unset",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer config unset shop OLD_KEY",
                "  deployer config unset shop A B --no-restart"},
        description = "Remove config vars. Makes a new release and restarts the app unless --no-restart, and follows that restart until done.")
public class ConfigUnsetCommand implements Callable<Integer> {
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

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY")
    List<String> keys;

    public ConfigUnsetCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        Map<String, String> unset = new LinkedHashMap<>();
        for (String key : keys) {
            AppArguments.configKey(key);
            unset.put(key, null); // null unsets, in the API's body
        }
        DeployerClient client = connection.client();
        ConfigChange change = client.changeConfig(name, unset, !noRestart);
        return ConfigCommand.finish(client, spec.commandLine().getOut(), name, change, json.enabled(), detach);
    }
}
