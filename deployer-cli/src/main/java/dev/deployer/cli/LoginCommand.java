package dev.deployer.cli;

import dev.deployer.api.DeployerClient;
import dev.deployer.api.Version;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "login",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer login --server http://deployer.example:8080 --token dpl_..."},
        description = "Check a server URL and token, and save them (0600) for later commands.")
public class LoginCommand implements Callable<Integer> {
    private final DeployerCli.Environment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, description = "e.g. http://deployer.example:8080")
    String server;

    @Option(names = "--token", required = true, description = "an API token (the admin token is in the server's data/admin-token)")
    String token;

    public LoginCommand(DeployerCli.Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--server must be a URL such as http://host:8080 (got '" + server + "')");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new UsageException("--server must be a URL such as http://host:8080 (got '" + server + "')");
        }
        Version version = new DeployerClient(server, token).version();
        new CliConfig(server, token).write(environment.configFile());
        spec.commandLine().getOut().println("Logged in to " + server + " (" + version.name() + " " + version.version()
                + "); saved to " + environment.configFile());
        return DeployerCli.OK;
    }
}
