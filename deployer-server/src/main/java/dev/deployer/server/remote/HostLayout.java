package dev.deployer.server.remote;

import dev.deployer.api.Names;

/**
 * Every place an app lives on a host, named once. The app name is checked again here because it
 * becomes a path, a user and a unit name: a bad one must never reach a command line.
 */
public record HostLayout(String app) {
    /** The JVM every unit runs; preflight checks its version. */
    public static final String JAVA = "/usr/bin/java";
    public static final String ENV_DIR = "/etc/deployer";
    /** Where every app's releases live; preflight checks the free space of the filesystem holding it. */
    public static final String APPS_ROOT = "/opt/deployer";
    public static final String UNIT_DIR = "/etc/systemd/system";

    public HostLayout {
        Names.appName(app);
    }

    /** {@code /opt/deployer/APP}: releases and the current link, owned by root, read-only to the app. */
    public String appDir() {
        return APPS_ROOT + "/" + app;
    }

    public String releasesDir() {
        return appDir() + "/releases";
    }

    public String releaseDir(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("release versions start at 1 (got " + version + ")");
        }
        return releasesDir() + "/v" + version;
    }

    public String releaseJar(int version) {
        return releaseDir(version) + "/app.jar";
    }

    /** What {@link #current()} points at: relative, so the tree can be moved or inspected in a chroot. */
    public String currentTarget(int version) {
        releaseDir(version);
        return "releases/v" + version;
    }

    /** The symlink switched atomically to the release being run. */
    public String current() {
        return appDir() + "/current";
    }

    public String currentJar() {
        return current() + "/app.jar";
    }

    /** systemd EnvironmentFile, root:root 0600: config values live only here on a host. */
    public String envFile() {
        return ENV_DIR + "/" + app + ".env";
    }

    public String unitName() {
        return "deployer-" + app + ".service";
    }

    public String unitFile() {
        return UNIT_DIR + "/" + unitName();
    }

    /** The one directory the app may write, created by systemd ({@code StateDirectory=}) and owned by the app's user. */
    public String stateDir() {
        return "/var/lib/" + stateDirectoryName();
    }

    /** {@link #stateDir()} relative to /var/lib, as {@code StateDirectory=} takes it. */
    public String stateDirectoryName() {
        return "deployer/" + app;
    }

    /** The system user the app runs as; same as the app name, which {@link Names#appName} keeps a valid user name. */
    public String user() {
        return app;
    }
}
