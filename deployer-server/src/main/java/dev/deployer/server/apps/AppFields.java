package dev.deployer.server.apps;

import dev.deployer.api.AppRequest;
import dev.deployer.server.remote.SlotPorts;
import dev.deployer.server.apps.AppDao.AppRow;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for each app setting, applied to a create (defaults fill the gaps) or a patch (null
 * keeps, "" clears). Messages say what is allowed and do not echo values: a repo URL may carry
 * credentials.
 */
final class AppFields {
    private static final Pattern BRANCH = Pattern.compile("^[A-Za-z0-9._][A-Za-z0-9._/-]{0,254}$");
    /** Path and query characters of RFC 3986, without quotes, backslashes or '#': what an HTTP GET line carries. */
    private static final Pattern URL_PATH = Pattern.compile("^/[A-Za-z0-9._~!$&()*+,;=:@/?%-]{0,499}$");
    /** The app runs as an unprivileged user, which cannot listen below 1024. */
    static final int MIN_PORT = 1024;
    static final int MAX_HOSTS = 100;

    private AppFields() {}

    /** A new row from a create request, before it has an id. */
    static AppRow forCreate(String name, AppRequest r, String sealedWebhookSecret, java.time.Instant now, boolean allowLocalRepos) {
        AppRow defaults = new AppRow(0, name, null, App.DEFAULT_BRANCH, App.DEFAULT_PORT, "", App.DEFAULT_JAVA_VERSION,
                null, App.DEFAULT_HEALTH_TIMEOUT_SECONDS, null, null, App.DEFAULT_BUILD_TIMEOUT_SECONDS,
                App.DEFAULT_KEEP_RELEASES, null, sealedWebhookSecret, now, null, App.DEFAULT_MAX_PUSH_MIB,
                App.DEFAULT_SECRETS_ON_PUSH, App.DEFAULT_STRATEGY, App.DEFAULT_DRAIN_SECONDS, App.DEFAULT_STANDBY_SECONDS, true);
        return merged(defaults, r, allowLocalRepos);
    }

    /** {@code current} with what {@code r} sets; the name, secret and dates are not the request's to change. */
    static AppRow merged(AppRow current, AppRequest r, boolean allowLocalRepos) {
        return slotsFit(new AppRow(current.id(), current.name(),
                keepsRepoUrl(current, r) ? current.repoUrl() : repoUrl(r.repoUrl(), allowLocalRepos),
                r.branch() == null ? current.branch() : branch(r.branch()),
                r.port() == null ? current.port() : port(r.port()),
                r.javaOptions() == null ? current.javaOptions() : JavaOptions.check(r.javaOptions()),
                r.javaVersion() == null ? current.javaVersion() : between("java version", r.javaVersion(), 8, 99),
                r.healthPath() == null ? current.healthPath() : healthPath(r.healthPath()),
                r.healthTimeoutSeconds() == null ? current.healthTimeoutSeconds()
                        : between("health timeout (seconds)", r.healthTimeoutSeconds(), 1, 3600),
                r.buildCommand() == null ? current.buildCommand() : optionalLine("build command", r.buildCommand(), 2000),
                r.artifactPath() == null ? current.artifactPath() : artifactPath(r.artifactPath()),
                r.buildTimeoutSeconds() == null ? current.buildTimeoutSeconds()
                        : between("build timeout (seconds)", r.buildTimeoutSeconds(), 10, 86400),
                r.keepReleases() == null ? current.keepReleases() : between("releases to keep", r.keepReleases(), 1, 100),
                r.batchSize() == null ? current.batchSize() : r.batchSize() == 0 ? null : between("batch size", r.batchSize(), 1, 1000),
                current.webhookSecret(), current.createdAt(), current.deletedAt(),
                r.maxPushMib() == null ? current.maxPushMib() : between("max push (MiB)", r.maxPushMib(), 1, 65536),
                r.secretsOnPush() == null ? current.secretsOnPush() : secretsOnPush(r.secretsOnPush()),
                r.strategy() == null ? current.strategy() : strategy(r.strategy()),
                r.drainSeconds() == null ? current.drainSeconds() : between("drain (seconds)", r.drainSeconds(), 0, 3600),
                r.standbySeconds() == null ? current.standbySeconds()
                        : between("standby (seconds)", r.standbySeconds(), 0, 86400),
                r.canary() == null ? current.canary() : r.canary()));
    }

    /** Zero-downtime slots listen on port+10000 and port+20000 (see remote.SlotPorts): the port must leave room for them. */
    private static AppRow slotsFit(AppRow row) {
        if (App.ZERO_DOWNTIME.equals(row.strategy())) {
            new SlotPorts(row.port());
        }
        return row;
    }

    private static String strategy(String value) {
        if (!value.equals(App.ZERO_DOWNTIME) && !value.equals(App.RESTART)) {
            throw new IllegalArgumentException("strategy must be zero-downtime or restart (got '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "')");
        }
        return value;
    }

    private static String secretsOnPush(String value) {
        if (!value.equals("warn") && !value.equals("reject")) {
            throw new IllegalArgumentException("secretsOnPush must be warn or reject (got '" + value + "')");
        }
        return value;
    }

    /**
     * The hosts by name, in deploy order: at least one, at most {@link #MAX_HOSTS}, none twice.
     * Whether each exists is the caller's question.
     */
    static List<String> hosts(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("an app needs at least one host: give hosts by name, e.g. [\"web1\", \"web2\"]");
        }
        if (names.size() > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts: an app runs on at most " + MAX_HOSTS + " hosts (got " + names.size() + ")");
        }
        if (names.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("hosts: a host name is missing (null) in the list");
        }
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("a host is named twice in the app's hosts");
        }
        return names;
    }

    /** Null keeps the URL; so does the masked form of the current one, which is what a client read back from the API. */
    private static boolean keepsRepoUrl(AppRow current, AppRequest r) {
        return r.repoUrl() == null || (current.repoUrl() != null && r.repoUrl().equals(RepoUrls.masked(current.repoUrl())));
    }

    private static int port(int value) {
        if (value < MIN_PORT || value > 65535) {
            throw new IllegalArgumentException("port must be between " + MIN_PORT + " and 65535 (got " + value
                    + "): the app runs as an unprivileged user, which cannot listen below " + MIN_PORT);
        }
        return value;
    }

    private static int between(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + " (got " + value + ")");
        }
        return value;
    }

    private static String repoUrl(String value, boolean allowLocalRepos) {
        String url = optionalLine("repo URL", value, 2000);
        if (url == null) {
            return null;
        }
        if (url.startsWith("-") || !url.matches("^[!-~]+$")) {
            // git would read a leading '-' as an option; spaces and non-ASCII are never part of a clone URL
            throw new IllegalArgumentException("repo URL must be a clone URL such as https://git.example.com/team/app.git, "
                    + "without spaces, not starting with '-'");
        }
        return RepoUrls.check(url, allowLocalRepos);
    }

    /** A branch name git accepts (git check-ref-format, restricted to plain characters), at most 255 long. */
    private static String branch(String value) {
        if (!BRANCH.matcher(value).matches() || value.contains("..") || value.contains("//") || value.endsWith("/")
                || value.endsWith(".") || value.equals("HEAD") || value.startsWith("-")
                || Arrays.stream(value.split("/")).anyMatch(part -> part.startsWith(".") || part.endsWith(".lock"))) {
            throw new IllegalArgumentException("branch must be a git branch name such as main or release/1.2: "
                    + "at most 255 letters, digits, '.', '_', '-' and '/', no '..', no part starting with '.' or ending in .lock");
        }
        return value;
    }

    private static String healthPath(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (!URL_PATH.matcher(value).matches()) {
            throw new IllegalArgumentException("health path must start with '/', be at most 500 characters and hold only "
                    + "URL path and query characters (no spaces, quotes, backslashes or '#'), e.g. /health");
        }
        return value;
    }

    private static String artifactPath(String value) {
        String path = optionalLine("artifact path", value, 1000);
        if (path != null && (path.startsWith("/") || path.startsWith("-") || ("/" + path + "/").contains("/../"))) {
            throw new IllegalArgumentException("artifact path must be relative to the repository root, "
                    + "e.g. target/app.jar, without '..'");
        }
        return path;
    }

    /** One line of text, or null for "". */
    private static String optionalLine(String what, String value, int max) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be one line without control characters");
        }
        return value;
    }
}
