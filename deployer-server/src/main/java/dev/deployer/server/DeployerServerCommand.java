package dev.deployer.server;

import dev.deployer.server.settings.DeployerConfiguration;
import dev.deployer.server.settings.StartupException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** `server`: as Dropwizard's, but a bad setting prints one sentence instead of a stack trace. */
class DeployerServerCommand extends ServerCommand<DeployerConfiguration> {
    DeployerServerCommand(DeployerApplication application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!StartupException.report(cli, e)) {
            super.onError(cli, namespace, e);
        }
    }
}
