package dev.deployer.server;

import dev.deployer.server.build.BuildConfinement;
import dev.deployer.server.settings.DeployerConfiguration;
import dev.deployer.server.settings.Settings;
import dev.deployer.server.settings.StartupException;
import dev.deployer.server.storage.DataDir;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code check [config.yml]}: says whether this server's builds would be sandboxed, and exits 1 when builds are refused. */
public class CheckCommand extends ConfiguredCommand<DeployerConfiguration> {
    private final Map<String, String> env;

    public CheckCommand(Map<String, String> env) {
        super("check", "Preflight of the server itself: says whether builds are sandboxed, and exits.");
        this.env = env;
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!StartupException.report(cli, e)) {
            super.onError(cli, namespace, e);
        }
    }

    @Override
    protected void run(Bootstrap<DeployerConfiguration> bootstrap, Namespace namespace, DeployerConfiguration configuration) {
        Settings settings = Settings.resolve(configuration, env);
        DataDir dataDir = DataDir.open(settings.dataDir());
        BuildConfinement confinement = DeployerApplication.buildConfinement(settings, dataDir, env);
        System.out.println(confinement.description() + ".");
        if (confinement.refusal().isPresent()) {
            throw new StartupException("Builds would be refused: " + confinement.refusal().get() + ".");
        }
    }
}
