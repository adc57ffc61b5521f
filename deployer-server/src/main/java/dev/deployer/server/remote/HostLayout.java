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
    /** The proxy in front of zero-downtime slots (Debian package haproxy); preflight checks its version. */
    public static final String HAPROXY = "/usr/sbin/haproxy";
    /** The client for the proxy's runtime API socket (Debian package socat): haproxy itself cannot be one. */
    public static final String SOCAT = "/usr/bin/socat";

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

    /**
     * {@code releases/vN/app.jar.sha256}: the jar's sha256, written once the jar is in place and checked, so later
     * deploys read it instead of hashing every release jar on the host again (tens of MB each).
     */
    public String releaseJarSum(int version) {
        return releaseJar(version) + SUM_SUFFIX;
    }

    public static final String SUM_SUFFIX = ".sha256";

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

    /** {@code /etc/deployer/APP}: the proxy config and the slots' env files (a directory beside {@link #envFile()}). */
    public String etcDir() {
        return ENV_DIR + "/" + app;
    }

    /** The proxy config, root-owned 0644 (no secrets in it): always names the live slot. */
    public String proxyConfig() {
        return etcDir() + "/haproxy.cfg";
    }

    /** Where a new proxy config lands and is checked with {@code haproxy -c} before it replaces {@link #proxyConfig()}. */
    public String proxyConfigCandidate() {
        return proxyConfig() + ".new";
    }

    /**
     * {@code deployer-APP@proxy.service}: every unit of an app's own starts {@code deployer-APP@} or is
     * {@code deployer-APP.service}, so no other app's name (which cannot hold '@') ever collides with it.
     */
    public String proxyUnitName() {
        return "deployer-" + app + "@proxy.service";
    }

    public String proxyUnitFile() {
        return UNIT_DIR + "/" + proxyUnitName();
    }

    /** {@link #proxyRuntimeDir()} relative to /run, as {@code RuntimeDirectory=} takes it: systemd creates and removes it. */
    public String proxyRuntimeDirectoryName() {
        return "deployer-" + app + "-proxy";
    }

    public String proxyRuntimeDir() {
        return "/run/" + proxyRuntimeDirectoryName();
    }

    /** The proxy's runtime API (stats socket), mode 0600, owned by the haproxy user: only root reaches it. */
    public String proxySocket() {
        return proxyRuntimeDir() + "/admin.sock";
    }

    public String proxyPidFile() {
        return proxyRuntimeDir() + "/haproxy.pid";
    }

    /** A slot's EnvironmentFile, root:root 0600: the config of the release that slot runs, with PORT set to the slot's port. */
    public String slotEnvFile(Slot slot) {
        return etcDir() + "/slot-" + slot.id() + ".env";
    }

    /** {@code deployer-APP@a.service}: a full unit file per slot (no template), rendered from the release the slot runs. */
    public String slotUnitName(Slot slot) {
        return "deployer-" + app + "@" + slot.id() + ".service";
    }

    public String slotUnitFile(Slot slot) {
        return UNIT_DIR + "/" + slotUnitName(slot);
    }

    /** {@code /opt/deployer/APP/slot-a -> releases/vN}: the release a slot runs; its unit starts {@code slot-%i/app.jar}. */
    public String slotLink(Slot slot) {
        return appDir() + "/slot-" + slot.id();
    }

    /**
     * {@code deployer-APP-TYPE@.service}: the template of a Procfile process type other than web. A type holds no '-',
     * so the last '-' before the '@' ends the app's name: app {@code shop}'s type {@code worker} and app
     * {@code shop-worker}'s units never share a name (the slots of {@code shop-worker} are {@code @a}, {@code @b}; its
     * own types {@code deployer-shop-worker-TYPE@N}). Globs over these names also match other apps' units: whoever
     * lists with one keeps only what {@link ProcessCommands#parse} accepts.
     */
    public String processTemplateName(String type) {
        if (!type.matches("^[a-z][a-z0-9_]{0,29}$")) {
            throw new IllegalArgumentException("not a process type: '" + type + "'");
        }
        return processPrefix() + type + "@.service";
    }

    /** Instance {@code n} (1..) of a process type: {@code deployer-APP-TYPE@n.service}. */
    public String processUnitName(String type, int instance) {
        if (instance < 1) {
            throw new IllegalArgumentException("process instances start at 1 (got " + instance + ")");
        }
        return processTemplateName(type).replace("@.service", "@" + instance + ".service");
    }

    /** What every process type's unit name starts with: {@code deployer-APP-} (so do other apps' whose names go on). */
    public String processPrefix() {
        return "deployer-" + app + "-";
    }

    /** The release phase's transient unit for release {@code version}: {@code deployer-APP@release-vN}, like the standby timer. */
    public String releasePhaseUnit(int version) {
        releaseDir(version);
        return "deployer-" + app + "@release-v" + version;
    }

    /** The release phase's env file (root:root 0600): the config of the release being rolled out. */
    public String releaseEnvFile() {
        return etcDir() + "/release.env";
    }

    /**
     * {@code deployer-APP@cron-N.service}: the oneshot service of the release's cron entry {@code n} (1..), a unit file of
     * its own (no template). Every name with {@code deployer-APP@} is this app's alone (app names hold no '@').
     */
    public String cronServiceName(int n) {
        return cronBase(n) + ".service";
    }

    /** {@code deployer-APP@cron-N.timer}: starts {@link #cronServiceName} on the entry's schedule. */
    public String cronTimerName(int n) {
        return cronBase(n) + ".timer";
    }

    /** What every cron unit's name starts with: {@code deployer-APP@cron-}. */
    public String cronPrefix() {
        return "deployer-" + app + "@cron-";
    }

    private String cronBase(int n) {
        if (n < 1 || n > 99) {
            throw new IllegalArgumentException("cron entries are numbered 1..99 (got " + n + ")");
        }
        return cronPrefix() + n;
    }

    /** The transient timer that stops the warm standby slot when its window ends (one per app: one standby at a time). */
    public String standbyUnitBase() {
        return "deployer-" + app + "@standby";
    }

    public String standbyTimerName() {
        return standbyUnitBase() + ".timer";
    }
}
