package dev.deployer.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the server, resolved once at start: an environment variable wins over the
 * YAML file, which wins over the embedded default. Secrets are kept out of {@link #toString()}.
 */
public record Settings(
        Path dataDir,
        int port,
        int adminPort,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Optional<String> masterKey,
        int buildConcurrency,
        // The Maven local repository all builds share; empty: the data dir's m2/repository.
        Optional<Path> mavenRepository,
        // How often apps with a repo URL are fetched to look for new commits.
        int pollIntervalSeconds,
        Limits limits) {

    public static final String DATA_DIR = "DEPLOYER_DATA_DIR";
    public static final String PORT = "DEPLOYER_PORT";
    public static final String ADMIN_PORT = "DEPLOYER_ADMIN_PORT";
    public static final String DATABASE_URL = "DEPLOYER_DATABASE_URL";
    public static final String DATABASE_USER = "DEPLOYER_DATABASE_USER";
    public static final String DATABASE_PASSWORD = "DEPLOYER_DATABASE_PASSWORD";
    public static final String MASTER_KEY = "DEPLOYER_MASTER_KEY";
    public static final String BUILD_CONCURRENCY = "DEPLOYER_BUILD_CONCURRENCY";
    public static final String MAVEN_REPO = "DEPLOYER_MAVEN_REPO";
    public static final String POLL_INTERVAL = "DEPLOYER_POLL_INTERVAL_SECONDS";

    public static Settings resolve(DeployerConfiguration file, Map<String, String> env) {
        return new Settings(
                Path.of(pick(env, DATA_DIR, file.getDataDir()).orElse("./data")).toAbsolutePath().normalize(),
                port(env, PORT, 8080),
                port(env, ADMIN_PORT, 8081),
                pick(env, DATABASE_URL, file.getDatabaseUrl()),
                pick(env, DATABASE_USER, file.getDatabaseUser()),
                pick(env, DATABASE_PASSWORD, file.getDatabasePassword()),
                pick(env, MASTER_KEY, file.getMasterKey()),
                positive(env, BUILD_CONCURRENCY, file.getBuildConcurrency() > 0
                        ? file.getBuildConcurrency() : Runtime.getRuntime().availableProcessors()),
                pick(env, MAVEN_REPO, file.getMavenRepository()).map(p -> Path.of(p).toAbsolutePath().normalize()),
                positive(env, POLL_INTERVAL, 60),
                Limits.resolve(env));
    }

    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    private static Optional<String> pick(Map<String, String> env, String name, String fromFile) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            value = fromFile;
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        int port = integer(env, name, fallback);
        if (port < 0 || port > 65535) {
            throw new StartupException(name + " must be a TCP port between 0 and 65535 (got " + port + ").");
        }
        return port;
    }

    static int positive(Map<String, String> env, String name, int fallback) {
        int value = integer(env, name, fallback);
        if (value < 1) {
            throw new StartupException(name + " must be 1 or more (got " + value + ").");
        }
        return value;
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupException(name + " must be a whole number (got '" + value + "').");
        }
    }

    @Override
    public String toString() {
        return "Settings[dataDir=" + dataDir + ", port=" + port + ", adminPort=" + adminPort
                + ", database=" + databaseUrl.orElse("embedded H2") + ", masterKey="
                + (masterKey.isPresent() ? "from " + MASTER_KEY : "from data dir") + "]";
    }
}
