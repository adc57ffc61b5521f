package dev.deployer.cli;

import dev.deployer.api.AppInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "update",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer apps update shop --hosts web1,web2,web3",
                "  deployer apps update shop --rotate-webhook-secret"},
        description = "Change an app's settings; what is not given stays. Takes effect at the next release.")
public class AppUpdateCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    AppOptions options;

    @Option(names = "--rotate-webhook-secret", description = "make a new webhook secret and print it once")
    boolean rotateWebhookSecret;

    @Mixin
    AppParameter target;

    public AppUpdateCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = target.name();
        AppInfo app = connection.client().updateApp(name, options.toRequest(null, rotateWebhookSecret ? Boolean.TRUE : null));
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), app);
        } else {
            spec.commandLine().getOut().println("Updated app " + app.name() + ".");
            AppPrinter.details(spec.commandLine().getOut(), app);
        }
        return DeployerCli.OK;
    }
}
