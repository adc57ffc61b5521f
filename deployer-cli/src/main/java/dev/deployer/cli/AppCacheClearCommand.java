package dev.deployer.cli;

import dev.deployer.api.BuildCacheCleared;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cache-clear",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer apps cache-clear shop"},
        description = "Delete the app's build caches (its Maven repository, wrapper downloads and "
        + "Gradle home), after any build of it that runs; its next build fills them again.")
public class AppCacheClearCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter target;

    public AppCacheClearCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = target.name();
        BuildCacheCleared cleared = connection.client().clearBuildCache(name);
        spec.commandLine().getOut().println("Cleared the build cache of " + name + ": "
                + cleared.freedBytes() / (1024 * 1024) + " MiB freed.");
        return DeployerCli.OK;
    }
}
