package dev.deployer.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.AppInfo;
import dev.deployer.api.DeployerClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "remote",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer remote shop",
                "  git remote add deployer \"$(deployer remote shop)\""},
        description = "Print the git remote URL of an app, and how to add it.")
public class GitRemoteCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter app;

    public GitRemoteCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        DeployerClient client = connection.client();
        AppInfo info = client.get("api/apps/" + DeployerClient.encode(name), new TypeReference<>() {});
        String url = client.base().resolve("git/" + name + ".git").toString();
        spec.commandLine().getOut().println(url);
        spec.commandLine().getErr().println("# git remote add deployer " + url + " && git push deployer " + info.branch());
        spec.commandLine().getErr().println("# password: an API token of role deployer or admin (any user name)");
        return DeployerCli.OK;
    }
}
