package dev.deployer.server.settings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every setting of the server, resolved once at start: an environment variable wins over the
 * YAML file, which wins over the embedded default. Secrets are kept out of {@link #toString()}.
 */
public record Settings(
        Path dataDir,
        int port,
        int adminPort,
        // Where the admin port listens; empty: the YAML's admin connector bindHost, else 127.0.0.1.
        Optional<String> adminBind,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Optional<String> masterKey,
        int buildConcurrency,
        // The Maven local repository all builds share; empty: the data dir's m2/repository.
        Optional<Path> mavenRepository,
        // How often apps with a repo URL are fetched to look for new commits.
        int pollIntervalSeconds,
        Limits limits,
        // Local paths and file:// as repo URLs: off unless DEPLOYER_ALLOW_LOCAL_REPOS=true.
        boolean allowLocalRepos,
        // The address users open the server at (dashboard links in notifications); empty: no links.
        Optional<String> publicUrl,
        // Global notification webhooks, each "URL" or "slack:URL"; they may hold tokens: never printed.
        java.util.List<String> notifyUrls) {

    public static final String DATA_DIR = "DEPLOYER_DATA_DIR";
    public static final String PORT = "DEPLOYER_PORT";
    public static final String ADMIN_PORT = "DEPLOYER_ADMIN_PORT";
    public static final String ADMIN_BIND = "DEPLOYER_ADMIN_BIND";
    public static final String ALLOW_LOCAL_REPOS = dev.deployer.server.apps.RepoUrls.ALLOW_LOCAL_SETTING;
    public static final String DATABASE_URL = "DEPLOYER_DATABASE_URL";
    public static final String DATABASE_USER = "DEPLOYER_DATABASE_USER";
    public static final String DATABASE_PASSWORD = "DEPLOYER_DATABASE_PASSWORD";
    public static final String MASTER_KEY = "DEPLOYER_MASTER_KEY";
    public static final String BUILD_CONCURRENCY = "DEPLOYER_BUILD_CONCURRENCY";
    public static final String MAVEN_REPO = "DEPLOYER_MAVEN_REPO";
    public static final String POLL_INTERVAL = "DEPLOYER_POLL_INTERVAL_SECONDS";
    public static final String PUBLIC_URL = "DEPLOYER_PUBLIC_URL";
    public static final String NOTIFY_URLS = "DEPLOYER_NOTIFY_URLS";

    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");
    private static final Pattern IPV6 = Pattern.compile("^(?!.*:::)[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){1,7}$");

    public static Settings resolve(DeployerConfiguration file, Map<String, String> env) {
        return new Settings(
                Path.of(pick(env, DATA_DIR, file.getDataDir()).orElse("./data")).toAbsolutePath().normalize(),
                port(env, PORT, 8080),
                port(env, ADMIN_PORT, 8081),
                address(env, ADMIN_BIND),
                pick(env, DATABASE_URL, file.getDatabaseUrl()),
                pick(env, DATABASE_USER, file.getDatabaseUser()),
                pick(env, DATABASE_PASSWORD, file.getDatabasePassword()),
                pick(env, MASTER_KEY, file.getMasterKey()),
                positive(env, BUILD_CONCURRENCY, file.getBuildConcurrency() > 0
                        ? file.getBuildConcurrency() : Runtime.getRuntime().availableProcessors()),
                pick(env, MAVEN_REPO, file.getMavenRepository()).map(p -> Path.of(p).toAbsolutePath().normalize()),
                positive(env, POLL_INTERVAL, 60),
                Limits.resolve(env),
                flag(env, ALLOW_LOCAL_REPOS),
                publicUrl(env),
                java.util.Arrays.stream(env.getOrDefault(NOTIFY_URLS, "").split("[\\s,]+")).filter(s -> !s.isBlank()).toList());
    }

    /** An http(s) URL with a host; what follows it in links is the dashboard's route. */
    private static Optional<String> publicUrl(Map<String, String> env) {
        Optional<String> value = pick(env, PUBLIC_URL, null).map(String::trim);
        if (value.isPresent()) {
            java.net.URI uri;
            try {
                uri = new java.net.URI(value.get());
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new StartupException(PUBLIC_URL + " must be the http:// or https:// address users open the server at, "
                        + "such as https://deployer.example.com/ (got '" + value.get() + "').");
            }
        }
        return value;
    }

    /** The admin connector's address: {@code DEPLOYER_ADMIN_BIND}, else what the YAML file says, else loopback only. */
    public String adminBindOr(String fromFile) {
        return adminBind.orElse(fromFile == null || fromFile.isBlank() ? "127.0.0.1" : fromFile);
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

    /** An IP address literal (a name would need DNS at every start, and could change what the port is open to). */
    private static Optional<String> address(Map<String, String> env, String name) {
        Optional<String> value = pick(env, name, null).map(String::trim);
        if (value.isPresent() && !IPV4.matcher(value.get()).matches() && !IPV6.matcher(value.get()).matches()) {
            throw new StartupException(name + " must be an IP address to listen on, such as 127.0.0.1 (the default) or 0.0.0.0 "
                    + "for every interface (got '" + value.get() + "').");
        }
        return value;
    }

    private static boolean flag(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "").trim();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new StartupException(name + " must be true or false (got '" + value + "').");
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
                + ", adminBind=" + adminBindOr(null) + ", allowLocalRepos=" + allowLocalRepos
                + ", publicUrl=" + publicUrl.orElse("(none)") + ", notifyUrls=" + notifyUrls.size()
                + ", database=" + databaseUrl.map(dev.deployer.server.settings.JdbcUrls::redacted).orElse("embedded H2") + ", masterKey="
                + (masterKey.isPresent() ? "from " + MASTER_KEY : "from data dir") + "]";
    }
}
