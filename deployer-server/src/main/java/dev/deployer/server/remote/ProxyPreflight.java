package dev.deployer.server.remote;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What preflight asks a host before zero-downtime deploys: haproxy and socat installed, and the
 * app's port and its two slot ports each free or already held by this app's own units.
 */
public final class ProxyPreflight {
    /** The line an operator runs on a Debian or Ubuntu host; printed as the fix when a probe fails. */
    public static final String INSTALL_LINE = "sudo apt-get install -y haproxy socat";
    /** Oldest haproxy whose config keywords and runtime API we use (-Ws, expose-fd, set server state); 2.6 is tested. */
    public static final int MIN_MAJOR = 2;
    public static final int MIN_MINOR = 0;

    private static final Pattern VERSION = Pattern.compile("^HA-?Proxy version (\\d+)\\.(\\d+)[.\\s-]");

    private ProxyPreflight() {}

    /** Prints {@code HAProxy version 2.6.12-1+deb12u3 ...}; exit 127 (from the shell) when it is not installed. */
    public static RemoteCommand haproxyVersion() {
        return RemoteCommand.of(HostLayout.HAPROXY, "-v");
    }

    /** Exit 127 when socat is missing. */
    public static RemoteCommand socatVersion() {
        return RemoteCommand.of(HostLayout.SOCAT, "-V");
    }

    public record Version(int major, int minor) {
        public boolean supported() {
            return major > MIN_MAJOR || (major == MIN_MAJOR && minor >= MIN_MINOR);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    public static Optional<Version> parseVersion(String haproxyDashV) {
        Matcher m = VERSION.matcher(haproxyDashV.strip());
        return m.find() ? Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    /** The ports to find free or ours: the app's, then slot a's and slot b's. */
    public static List<Integer> ports(int appPort) {
        SlotPorts slots = new SlotPorts(appPort);
        return List.of(appPort, slots.port(Slot.A), slots.port(Slot.B));
    }

    /** The unit that may hold {@code port} for {@code app}: the proxy on the app port (or, before the first switch, the restart-strategy unit), a slot on its own. */
    public static List<String> ownUnits(String app, int appPort, int port) {
        HostLayout layout = new HostLayout(app);
        SlotPorts slots = new SlotPorts(appPort);
        if (port == appPort) {
            return List.of(layout.proxyUnitName(), layout.unitName());
        }
        for (Slot slot : Slot.values()) {
            if (slots.port(slot) == port) {
                return List.of(layout.slotUnitName(slot));
            }
        }
        throw new IllegalArgumentException("port " + port + " is not one of " + app + "'s (" + ports(appPort) + ")");
    }
}
