package dev.deployer.cli;

import dev.deployer.api.DeployerClient;
import java.io.IOException;

/**
 * Where the server is: {@code DEPLOYER_URL} and {@code DEPLOYER_TOKEN} win over what
 * {@code deployer login} saved. Every command that talks to the server takes one of these.
 */
public final class Connection {
    private final DeployerCli.Environment environment;

    public Connection(DeployerCli.Environment environment) {
        this.environment = environment;
    }

    public DeployerClient client() {
        CliConfig saved;
        try {
            saved = CliConfig.read(environment.configFile());
        } catch (IOException e) {
            throw new UsageException("cannot read " + environment.configFile() + ": " + e.getMessage());
        }
        String url = firstOf(environment.variables().get("DEPLOYER_URL"), saved.server());
        String token = firstOf(environment.variables().get("DEPLOYER_TOKEN"), saved.token());
        if (url == null || token == null) {
            throw new UsageException("not logged in: run 'deployer login --server URL --token TOKEN' or set DEPLOYER_URL and DEPLOYER_TOKEN");
        }
        return new DeployerClient(url, token);
    }

    private static String firstOf(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
