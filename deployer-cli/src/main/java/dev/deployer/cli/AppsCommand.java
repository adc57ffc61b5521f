package dev.deployer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "apps",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer apps",
                "  deployer apps --json"},
        description = "List apps; create, show, update or delete one.",
        subcommands = {AppCreateCommand.class, AppShowCommand.class, AppUpdateCommand.class, AppDeleteCommand.class,
                AppCacheClearCommand.class})
public class AppsCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    public AppsCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        var apps = connection.client().apps();
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), apps);
        } else {
            AppPrinter.list(spec.commandLine().getOut(), apps);
        }
        return DeployerCli.OK;
    }
}
