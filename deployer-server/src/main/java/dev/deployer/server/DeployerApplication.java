package dev.deployer.server;

import dev.deployer.server.apps.AppDao;
import dev.deployer.server.apps.AppRemover;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.apps.AppsResource;
import dev.deployer.server.audit.AuditDao;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.audit.AuditResource;
import dev.deployer.server.auth.Authentication;
import dev.deployer.server.auth.TokenDao;
import dev.deployer.server.auth.TokenService;
import dev.deployer.server.auth.TokensResource;
import dev.deployer.server.config.ConfigChangeListener;
import dev.deployer.server.config.ConfigDao;
import dev.deployer.server.config.ConfigResource;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.config.MasterKey;
import dev.deployer.server.config.SecretBox;
import dev.deployer.server.db.Database;
import dev.deployer.server.db.DbCommand;
import dev.deployer.server.http.JsonErrors;
import dev.deployer.server.http.VersionResource;
import dev.deployer.server.http.WebUiResource;
import dev.deployer.server.ssh.ServerKeyPair;
import dev.deployer.server.ssh.SshKeyHealthCheck;
import dev.deployer.server.ssh.SshKeyResource;
import dev.deployer.server.storage.DataDir;
import dev.deployer.server.storage.DataDirHealthCheck;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Wires the server by hand: every part is built here, from constructors only. */
public class DeployerApplication extends Application<DeployerConfiguration> {
    private final Map<String, String> env;

    public DeployerApplication(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        new DeployerApplication(System.getenv()).run(args.length == 0 ? new String[] {"server"} : args);
    }

    @Override
    public String getName() {
        return "deployer";
    }

    @Override
    public void initialize(Bootstrap<DeployerConfiguration> bootstrap) {
        bootstrap.getObjectMapper().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    protected void addDefaultCommands(Bootstrap<DeployerConfiguration> bootstrap) {
        bootstrap.addCommand(new DeployerServerCommand(this));
        bootstrap.addCommand(new DbCommand(env));
        bootstrap.addCommand(new dev.deployer.server.config.RotateMasterKeyCommand(env));
    }

    @Override
    public void run(DeployerConfiguration configuration, Environment environment) {
        Settings settings = Settings.resolve(configuration, env);
        applyPorts(configuration, settings);
        Clock clock = Clock.systemUTC();

        DataDir dataDir = DataDir.open(settings.dataDir());
        SecretBox secrets = new SecretBox(MasterKey.load(settings.masterKey(), dataDir));
        ServerKeyPair keyPair = ServerKeyPair.loadOrCreate(dataDir);

        DataSourceFactory dataSourceFactory = Database.dataSourceFactory(settings, dataDir);
        Database.probe(dataSourceFactory, settings);
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "database");
        Database.migrate(dataSource, settings);
        Jdbi jdbi = new JdbiFactory().build(environment, dataSourceFactory, dataSource, "database");

        TokenService tokens = new TokenService(jdbi.onDemand(TokenDao.class), clock);
        AuditLog audit = new AuditLog(jdbi.onDemand(AuditDao.class), clock);
        ConfigVars configVars = new ConfigVars(jdbi.onDemand(ConfigDao.class), secrets, clock);
        // TODO(deploy engine): an AppRemover that stops and removes the unit over SSH, a listener that releases and restarts
        AppService apps = new AppService(jdbi.onDemand(AppDao.class), configVars, secrets, AppRemover.NONE, clock);
        tokens.bootstrapAdmin(dataDir).ifPresent(token -> announceAdminToken(token, dataDir));

        Authentication.register(environment, tokens);
        JsonErrors.register(environment);
        environment.jersey().register(new VersionResource());
        environment.jersey().register(new WebUiResource());
        environment.jersey().register(new SshKeyResource(keyPair));
        environment.jersey().register(new TokensResource(tokens, audit));
        environment.jersey().register(new dev.deployer.server.auth.WhoAmIResource());
        environment.jersey().register(new AuditResource(audit));
        environment.jersey().register(new AppsResource(apps, audit));
        environment.jersey().register(new ConfigResource(apps, configVars, ConfigChangeListener.NONE, audit));

        environment.healthChecks().register("data-dir", new DataDirHealthCheck(dataDir));
        environment.healthChecks().register("ssh-key", new SshKeyHealthCheck(keyPair));
    }

    private static void applyPorts(DeployerConfiguration configuration, Settings settings) {
        if (configuration.getServerFactory() instanceof DefaultServerFactory server) {
            server.getApplicationConnectors().stream().filter(HttpConnectorFactory.class::isInstance).findFirst()
                    .ifPresent(connector -> ((HttpConnectorFactory) connector).setPort(settings.port()));
            server.getAdminConnectors().stream().filter(HttpConnectorFactory.class::isInstance).findFirst()
                    .ifPresent(connector -> ((HttpConnectorFactory) connector).setPort(settings.adminPort()));
        }
    }

    /** Printed once, on the console only: the log never carries a token. */
    private static void announceAdminToken(String token, DataDir dataDir) {
        System.out.println();
        System.out.println("  First start: created the admin API token (shown only this once; also in "
                + dataDir.adminToken() + ", mode 0600):");
        System.out.println("    " + token);
        System.out.println();
    }
}
