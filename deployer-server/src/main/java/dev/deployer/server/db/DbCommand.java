package dev.deployer.server.db;

import dev.deployer.server.settings.DeployerConfiguration;
import dev.deployer.server.settings.Settings;
import dev.deployer.server.storage.DataDir;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.flywaydb.core.api.output.MigrateResult;

/** {@code db migrate [config.yml]}: applies pending migrations and exits. */
public class DbCommand extends ConfiguredCommand<DeployerConfiguration> {
    private final Map<String, String> env;

    public DbCommand(Map<String, String> env) {
        super("db", "Database tasks: `db migrate` applies pending migrations and exits.");
        this.env = env;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate").help("migrate: apply pending migrations");
        super.configure(subparser);
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        if (!dev.deployer.server.settings.StartupException.report(cli, e)) {
            super.onError(cli, namespace, e);
        }
    }

    @Override
    protected void run(Bootstrap<DeployerConfiguration> bootstrap, Namespace namespace, DeployerConfiguration configuration)
            throws Exception {
        Settings settings = Settings.resolve(configuration, env);
        DataDir dataDir = DataDir.open(settings.dataDir());
        DataSourceFactory factory = Database.dataSourceFactory(settings, dataDir);
        Database.probe(factory, settings);
        ManagedDataSource dataSource = factory.build(bootstrap.getMetricRegistry(), "migrate");
        try {
            MigrateResult result = Database.migrate(dataSource, settings);
            System.out.println(result.migrationsExecuted == 0
                    ? "Database is up to date (schema version " + result.initialSchemaVersion + ")."
                    : "Applied " + result.migrationsExecuted + " migration(s); schema version " + result.targetSchemaVersion + ".");
        } finally {
            dataSource.stop();
        }
    }
}
