package dev.deployer.cli;

import dev.deployer.api.ConfigChange;
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
        description = "Remove config vars. Makes a new release and restarts the app unless --no-restart.")
public class ConfigUnsetCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Option(names = "--no-restart", description = "store only; the app sees the change at its next deploy or restart")
    boolean noRestart;

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
        ConfigChange change = connection.client().changeConfig(name, unset, !noRestart);
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), change);
        } else {
            ConfigCommand.report(spec.commandLine().getOut(), name, change);
        }
        return DeployerCli.OK;
    }
}
