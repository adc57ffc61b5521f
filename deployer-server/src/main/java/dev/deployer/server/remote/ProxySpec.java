package dev.deployer.server.remote;

import dev.deployer.api.Names;

/**
 * What one app's proxy on a host is configured with: the app (names the files and the
 * frontend), its public port, which slot is live, and how long a drained slot's in-flight
 * requests get before they are cut.
 */
public record ProxySpec(String app, int appPort, Slot live, int drainTimeoutSeconds) {
    public static final int DEFAULT_DRAIN_TIMEOUT_SECONDS = 30;
    static final int MAX_DRAIN_TIMEOUT_SECONDS = 3600;

    public ProxySpec {
        Names.appName(app);
        new SlotPorts(appPort);
        if (live == null) {
            throw new IllegalArgumentException("name the live slot");
        }
        if (drainTimeoutSeconds < 1 || drainTimeoutSeconds > MAX_DRAIN_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("drain timeout must be 1 to " + MAX_DRAIN_TIMEOUT_SECONDS + " seconds (got "
                    + drainTimeoutSeconds + ")");
        }
    }

    public SlotPorts ports() {
        return new SlotPorts(appPort);
    }

    /** The same proxy with {@code slot} live: what is written to disk just before the runtime switch. */
    public ProxySpec withLive(Slot slot) {
        return new ProxySpec(app, appPort, slot, drainTimeoutSeconds);
    }
}
