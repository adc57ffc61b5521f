package dev.deployer.server.db;

import dev.deployer.server.settings.JdbcUrls;
import dev.deployer.server.settings.Settings;
import dev.deployer.server.settings.StartupException;
import dev.deployer.server.storage.DataDir;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/** Where the state lives: the embedded H2 file in the data dir, or PostgreSQL when configured. */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {}

    public static DataSourceFactory dataSourceFactory(Settings settings, DataDir dataDir) {
        DataSourceFactory factory = new DataSourceFactory();
        if (settings.embeddedDatabase()) {
            factory.setDriverClass("org.h2.Driver");
            // WRITE_DELAY=0: a commit is on disk before it returns, so a killed server loses no release.
            factory.setUrl("jdbc:h2:file:" + dataDir.database() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            factory.setUser("deployer");
            factory.setPassword("");
        } else {
            String url = settings.databaseUrl().get();
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new StartupException("DEPLOYER_DATABASE_URL must be a PostgreSQL JDBC URL such as "
                        + "jdbc:postgresql://127.0.0.1:5432/deployer (got something else); unset it to use the embedded H2 database.");
            }
            factory.setDriverClass("org.postgresql.Driver");
            factory.setUrl(url);
            factory.setUser(settings.databaseUser().orElse(""));
            factory.setPassword(settings.databasePassword().orElse(""));
        }
        factory.setValidationQuery("SELECT 1");
        factory.setMaxWaitForConnection(Duration.seconds(5));
        factory.setCheckConnectionOnBorrow(true);
        return factory;
    }

    /**
     * Opens one plain connection before any pool exists, so an unreachable database stops the start
     * with one sentence instead of a pool's stack trace.
     */
    public static void probe(DataSourceFactory factory, Settings settings) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", factory.getUser() == null ? "" : factory.getUser());
        properties.setProperty("password", factory.getPassword() == null ? "" : factory.getPassword());
        properties.setProperty("connectTimeout", "5");
        try (java.sql.Connection ignored = java.sql.DriverManager.getConnection(factory.getUrl(), properties)) {
            LOG.debug("database reachable");
        } catch (java.sql.SQLException e) {
            throw new StartupException(describe(settings) + " cannot be reached (" + shown(rootMessage(e), settings) + "): "
                    + hint(settings), e);
        }
    }

    /** Applies pending migrations, or stops the start with what to check. */
    public static MigrateResult migrate(DataSource dataSource, Settings settings) {
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("database migrated: {} migration(s) applied, schema now at version {}",
                        result.migrationsExecuted, result.targetSchemaVersion);
            }
            return result;
        } catch (RuntimeException e) {
            throw new StartupException(describe(settings) + " cannot be migrated (" + shown(rootMessage(e), settings) + "): "
                    + hint(settings), e);
        }
    }

    private static String hint(Settings settings) {
        return settings.embeddedDatabase()
                ? "check that no other deployer server uses the same DEPLOYER_DATA_DIR."
                : "check DEPLOYER_DATABASE_URL, DEPLOYER_DATABASE_USER and DEPLOYER_DATABASE_PASSWORD, and that PostgreSQL is running.";
    }

    private static String describe(Settings settings) {
        return settings.embeddedDatabase() ? "The embedded H2 database" : "The database at " + JdbcUrls.redacted(settings.databaseUrl().get());
    }

    /** A driver's message may quote the URL (with its password) or, in theory, the password itself. */
    private static String shown(String message, Settings settings) {
        String shown = JdbcUrls.redacted(message);
        for (String password : settings.databasePassword().stream().filter(p -> p.length() >= 4).toList()) {
            shown = shown.replace(password, "***");
        }
        return shown;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
