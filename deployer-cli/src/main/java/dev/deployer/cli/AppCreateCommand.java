package dev.deployer.cli;

import dev.deployer.api.AppInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "create",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer apps create shop --hosts web1,web2",
                "  deployer apps create shop --hosts web1 --repo https://git.example/shop.git --port 8081"},
        description = "Create an app: where it runs and how it is built. Prints its webhook secret once.")
public class AppCreateCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    AppOptions options;

    @Mixin
    AppParameter target;

    public AppCreateCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = target.name();
        if (options.hosts == null || options.hosts.isEmpty()) {
            throw new UsageException("give the app's hosts: --hosts h1,h2 (see 'deployer hosts')");
        }
        AppInfo app = connection.client().createApp(options.toRequest(name, null));
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), app);
        } else {
            spec.commandLine().getOut().println("Created app " + app.name() + " on " + String.join(", ", app.hosts())
                    + ". Set its config with 'deployer config set " + app.name() + " KEY=VALUE', then 'deployer deploy "
                    + app.name() + "'.");
            AppPrinter.details(spec.commandLine().getOut(), app);
        }
        return DeployerCli.OK;
    }
}
