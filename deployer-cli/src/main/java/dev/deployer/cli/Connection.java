package dev.deployer.cli;

import dev.deployer.api.DeployerClient;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

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
        CliConfig saved = saved();
        String url = firstOf(environment.variables().get("DEPLOYER_URL"), saved.server());
        String token = firstOf(environment.variables().get("DEPLOYER_TOKEN"), saved.token());
        if (url == null || token == null) {
            throw new UsageException("not logged in: run 'deployer login --server URL --token TOKEN' or set DEPLOYER_URL and DEPLOYER_TOKEN");
        }
        return new DeployerClient(url, token);
    }

    /** The server's base URL (ending in '/'), for what needs no request and so no token. */
    public URI server() {
        String url = firstOf(environment.variables().get("DEPLOYER_URL"), saved().server());
        if (url == null) {
            throw new UsageException("no server configured: run 'deployer login --server URL --token TOKEN' or set DEPLOYER_URL");
        }
        try {
            URI uri = new URI(url.endsWith("/") ? url : url + "/");
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("the server URL '" + url + "' is not a URL: set DEPLOYER_URL or run deployer login");
        }
    }

    private CliConfig saved() {
        try {
            return CliConfig.read(environment.configFile());
        } catch (IOException e) {
            throw new UsageException("cannot read " + environment.configFile() + ": " + e.getMessage());
        }
    }

    private static String firstOf(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
