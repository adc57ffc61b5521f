package dev.deployer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code deployer open APP}: the app's page on the dashboard, built from the configured server URL; sends no request. */
@Command(name = "open",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer open shop",
                "  xdg-open \"$(deployer open shop)\""},
        description = "Print the URL of an app's page on the dashboard (sign in there with an API token).")
public class OpenCommand implements Callable<Integer> {
    /** The web UI's route of one app (web-ui's app.js: {@code #/apps/NAME}). */
    static final String APP_ROUTE = "#/apps/";

    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter app;

    public OpenCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        spec.commandLine().getOut().println(connection.server() + APP_ROUTE + name);
        return DeployerCli.OK;
    }
}
