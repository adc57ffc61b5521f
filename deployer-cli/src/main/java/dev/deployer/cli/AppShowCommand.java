package dev.deployer.cli;

import dev.deployer.api.AppInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "show",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer apps show shop",
                "  deployer apps show shop --json"},
        description = "Show an app's settings and webhook URL.")
public class AppShowCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    AppParameter target;

    public AppShowCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = target.name();
        AppInfo app = connection.client().app(name);
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), app);
        } else {
            AppPrinter.details(spec.commandLine().getOut(), app);
        }
        return DeployerCli.OK;
    }
}
