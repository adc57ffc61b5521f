package dev.deployer.server.remote;

import java.util.List;

/**
 * Builders of what a zero-downtime rollout runs on a host for an app's proxy and slots. Pure; paths
 * from {@link HostLayout}; the order they run in is the protocol in docs/hosts.md ("Zero-downtime").
 */
public final class ProxyCommands {
    /** socat gives up 2 s after stdin ends and after 5 s without traffic: a stuck proxy never holds a step. */
    static final List<String> SOCAT_TIMEOUTS = List.of("-t", "2", "-T", "5");

    private ProxyCommands() {}

    /** {@code /etc/deployer/APP}, readable by the haproxy user (the env files in it are 0600 themselves). */
    public static RemoteCommand ensureEtcDir(String app) {
        return RemoteCommand.of("mkdir", "-p", "-m", "0755", "--", new HostLayout(app).etcDir());
    }

    /** Exit 0 when haproxy accepts {@code path}; otherwise its reason on stderr. */
    public static RemoteCommand checkConfig(String path) {
        return RemoteCommand.of(HostLayout.HAPROXY, "-c", "-q", "-f", path);
    }

    /**
     * The uploaded candidate becomes the config only if haproxy accepts it: a bad config never lands
     * where a restart or reboot would read it. 0644 because the proxy runs as the haproxy user.
     */
    public static RemoteCommand publishConfig(String app) {
        HostLayout layout = new HostLayout(app);
        return RemoteCommand.and(checkConfig(layout.proxyConfigCandidate()),
                HostCommands.chmod("0644", layout.proxyConfigCandidate()),
                HostCommands.moveReplacing(layout.proxyConfigCandidate(), layout.proxyConfig()));
    }

    /** Enabled for boot and started; a no-op for a proxy already running (a config change needs {@link #reloadProxy}). */
    public static RemoteCommand startProxy(String app) {
        String unit = new HostLayout(app).proxyUnitName();
        return RemoteCommand.and(HostCommands.systemctl("enable", unit), HostCommands.systemctl("start", unit));
    }

    /** Seamless: the listener stays open and in-flight requests finish in the old worker. Starts a stopped proxy. */
    public static RemoteCommand reloadProxy(String app) {
        return HostCommands.systemctl("reload-or-restart", new HostLayout(app).proxyUnitName());
    }

    public static RemoteCommand startSlot(String app, Slot slot) {
        return HostCommands.systemctl("start", new HostLayout(app).slotUnitName(slot));
    }

    public static RemoteCommand stopSlot(String app, Slot slot) {
        return HostCommands.systemctl("stop", new HostLayout(app).slotUnitName(slot));
    }

    /** The target first, then the old slot: for a moment both take requests, never neither. One line, applied in order. */
    public static ProxyApiCall switchTo(String app, Slot target) {
        return api(app, "set server " + server(target) + " state ready; set server " + server(target.other()) + " state drain");
    }

    /** A drained slot out of rotation for good (until the next switch names it). */
    public static ProxyApiCall maintenance(String app, Slot slot) {
        return api(app, "set server " + server(slot) + " state maint");
    }

    /** After the drain timeout: cuts what is still running on {@code slot}, so its stop does not wait on it. */
    public static ProxyApiCall shutdownSessions(String app, Slot slot) {
        return api(app, "shutdown sessions server " + server(slot));
    }

    /** CSV counters per proxy and server: state and current sessions, read by {@link ProxyStats}. */
    public static ProxyApiCall showStat(String app) {
        return api(app, "show stat");
    }

    private static String server(Slot slot) {
        return ProxyConfig.BACKEND + "/" + slot.id();
    }

    private static ProxyApiCall api(String app, String line) {
        List<String> words = new java.util.ArrayList<>(List.of(HostLayout.SOCAT));
        words.addAll(SOCAT_TIMEOUTS);
        words.add("STDIO");
        // The path comes from a checked app name: it holds no ':' or ',' that socat would read as address syntax.
        words.add("UNIX-CONNECT:" + new HostLayout(app).proxySocket());
        return new ProxyApiCall(RemoteCommand.of(words), line + "\n");
    }
}
