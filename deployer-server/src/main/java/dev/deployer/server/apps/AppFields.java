package dev.deployer.server.apps;

import dev.deployer.api.AppRequest;
import dev.deployer.server.apps.AppDao.AppRow;
import java.util.regex.Pattern;

/**
 * The rules for each app setting, applied to a create (defaults fill the gaps) or a patch (null
 * keeps, "" clears). Messages say what is allowed and do not echo values: a repo URL may carry
 * credentials.
 */
final class AppFields {
    private static final Pattern BRANCH = Pattern.compile("^[A-Za-z0-9._][A-Za-z0-9._/-]{0,254}$");
    private static final Pattern URL_PATH = Pattern.compile("^/[!-~]{0,999}$");

    private AppFields() {}

    /** A new row from a create request, before it has an id. */
    static AppRow forCreate(String name, AppRequest r, String sealedWebhookSecret, java.time.Instant now) {
        AppRow defaults = new AppRow(0, name, null, App.DEFAULT_BRANCH, App.DEFAULT_PORT, "", App.DEFAULT_JAVA_VERSION,
                null, App.DEFAULT_HEALTH_TIMEOUT_SECONDS, null, null, App.DEFAULT_BUILD_TIMEOUT_SECONDS,
                App.DEFAULT_KEEP_RELEASES, null, sealedWebhookSecret, now, null, App.DEFAULT_MAX_PUSH_MIB,
                App.DEFAULT_SECRETS_ON_PUSH);
        return merged(defaults, r);
    }

    /** {@code current} with what {@code r} sets; the name, secret and dates are not the request's to change. */
    static AppRow merged(AppRow current, AppRequest r) {
        return new AppRow(current.id(), current.name(),
                r.repoUrl() == null ? current.repoUrl() : repoUrl(r.repoUrl()),
                r.branch() == null ? current.branch() : branch(r.branch()),
                r.port() == null ? current.port() : between("port", r.port(), 1, 65535),
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
                r.secretsOnPush() == null ? current.secretsOnPush() : secretsOnPush(r.secretsOnPush()));
    }

    private static String secretsOnPush(String value) {
        if (!value.equals("warn") && !value.equals("reject")) {
            throw new IllegalArgumentException("secretsOnPush must be warn or reject (got '" + value + "')");
        }
        return value;
    }

    private static int between(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + " (got " + value + ")");
        }
        return value;
    }

    private static String repoUrl(String value) {
        String url = optionalLine("repo URL", value, 2000);
        if (url != null && (url.startsWith("-") || !url.matches("^[!-~]+$"))) {
            // git would read a leading '-' as an option; spaces and non-ASCII are never part of a clone URL
            throw new IllegalArgumentException("repo URL must be a clone URL (https://..., ssh://..., git@host:path) "
                    + "without spaces, not starting with '-'");
        }
        return url;
    }

    private static String branch(String value) {
        if (!BRANCH.matcher(value).matches() || value.contains("..") || value.contains("//") || value.endsWith("/")
                || value.endsWith(".lock") || value.endsWith(".")) {
            throw new IllegalArgumentException("branch must be a git branch name such as main or release/1.2");
        }
        return value;
    }

    private static String healthPath(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (!URL_PATH.matcher(value).matches()) {
            throw new IllegalArgumentException("health path must start with '/' and hold no spaces, e.g. /health");
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
