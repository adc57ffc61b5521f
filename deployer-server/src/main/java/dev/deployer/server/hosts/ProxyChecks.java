package dev.deployer.server.hosts;

import dev.deployer.api.PreflightCheck;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ProxyPreflight;
import dev.deployer.server.remote.Slot;
import dev.deployer.server.remote.SlotPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Preflight's decisions for zero-downtime apps, pure so each is unit-tested: whether the host needs the proxy, what
 * the haproxy and socat probes mean, and which ports each app needs with the units allowed to hold them.
 *
 * <p>The proxy is needed when the host carries a zero-downtime app, and also when preflight knows of no app at all
 * (a host just added, or checked before its first app): zero-downtime is the default for new apps, so the first
 * deploy to such a host needs haproxy, and the operator should learn it when preparing the host, not from a failed
 * deploy. A host whose apps all use {@code strategy: restart} passes without haproxy; the check then only notes it.
 */
final class ProxyChecks {
    static final String HAPROXY = "haproxy";
    static final String SOCAT = "socat";

    private ProxyChecks() {}

    static boolean needed(List<AppNeeds> apps) {
        return apps.isEmpty() || apps.stream().anyMatch(AppNeeds::zeroDowntime);
    }

    /** {@code exitCode} and output of {@link ProxyPreflight#haproxyVersion()}. */
    static PreflightCheck haproxy(List<AppNeeds> apps, int exitCode, String output) {
        boolean needed = needed(apps);
        if (exitCode == 127 || exitCode == 126) {
            return missing(HAPROXY, HostLayout.HAPROXY + " is missing", apps);
        }
        Optional<ProxyPreflight.Version> version = ProxyPreflight.parseVersion(output);
        String minimum = ProxyPreflight.MIN_MAJOR + "." + ProxyPreflight.MIN_MINOR;
        if (version.isEmpty()) {
            return missing(HAPROXY, HostLayout.HAPROXY + " -v printed no version (exit " + exitCode + ")", apps);
        }
        if (!version.get().supported()) {
            String detail = "haproxy " + version.get() + " is older than " + minimum + ", the oldest whose runtime API deployer uses";
            return needed ? PreflightCheck.fail(HAPROXY, detail + " (" + why(apps) + ")",
                    "upgrade haproxy to " + minimum + " or newer (Debian 11 and later ship it): " + ProxyPreflight.INSTALL_LINE)
                    : PreflightCheck.pass(HAPROXY, detail + "; not needed by this host's apps (all strategy: restart)");
        }
        return PreflightCheck.pass(HAPROXY, "haproxy " + version.get() + " (" + minimum + " or newer needed)"
                + (needed ? "" : "; not needed by this host's apps (all strategy: restart)"));
    }

    /** {@code exitCode} of {@link ProxyPreflight#socatVersion()}: deployer talks to haproxy's runtime API through it. */
    static PreflightCheck socat(List<AppNeeds> apps, int exitCode) {
        if (exitCode == 127 || exitCode == 126) {
            return missing(SOCAT, HostLayout.SOCAT + " is missing (deployer reaches haproxy's runtime API through it)", apps);
        }
        return exitCode == 0 ? PreflightCheck.pass(SOCAT, HostLayout.SOCAT + " is installed")
                : missing(SOCAT, HostLayout.SOCAT + " -V failed (exit " + exitCode + ")", apps);
    }

    private static PreflightCheck missing(String name, String detail, List<AppNeeds> apps) {
        return needed(apps) ? PreflightCheck.fail(name, detail + " (" + why(apps) + ")", ProxyPreflight.INSTALL_LINE)
                : PreflightCheck.pass(name, detail + "; not needed by this host's apps (all strategy: restart), but the first "
                + "zero-downtime app will need it: " + ProxyPreflight.INSTALL_LINE);
    }

    private static String why(List<AppNeeds> apps) {
        List<String> users = apps.stream().filter(AppNeeds::zeroDowntime).map(AppNeeds::label).toList();
        return users.isEmpty() ? "no app on this host yet, and zero-downtime, which needs it, is the default for new apps"
                : "needed by zero-downtime app" + (users.size() > 1 ? "s " : " ") + String.join(", ", users);
    }

    /** One port an app needs on a host: free, or held by one of {@code ownUnits} (the app's own). */
    record PortNeed(int port, String use, List<String> ownUnits) {}

    /**
     * The ports {@code app} needs: its own (which its proxy or its restart-strategy unit may hold, whichever strategy it
     * uses now, since a deploy moves it from one to the other), and for zero-downtime both slot ports, each of which only
     * that slot's unit may hold. An app not created yet owns no unit. Empty for port 0 (no port given).
     */
    static List<PortNeed> ports(AppNeeds app) {
        if (app.port() <= 0) {
            return List.of();
        }
        List<PortNeed> needs = new ArrayList<>();
        needs.add(new PortNeed(app.port(), app.label(), app.name() == null ? List.of()
                : List.of(new HostLayout(app.name()).proxyUnitName(), new HostLayout(app.name()).unitName())));
        if (app.zeroDowntime() && slotPortsValid(app.port())) {
            SlotPorts slots = new SlotPorts(app.port());
            for (Slot slot : Slot.values()) {
                int port = slots.port(slot);
                needs.add(new PortNeed(port, "slot " + slot.id() + " of " + app.label(),
                        app.name() == null ? List.of() : ProxyPreflight.ownUnits(app.name(), app.port(), port)));
            }
        }
        return needs;
    }

    /** A zero-downtime app whose port leaves no room for its slot ports (below 1024 or above 12767): a failed check, else empty. */
    static Optional<PreflightCheck> slotPortRange(AppNeeds app) {
        if (!app.zeroDowntime() || app.port() <= 0 || slotPortsValid(app.port())) {
            return Optional.empty();
        }
        return Optional.of(PreflightCheck.fail("slot ports of " + app.label(), "zero-downtime runs " + app.label()
                        + "'s slots on port+10000 and port+20000, which must stay between " + (SlotPorts.MIN_APP_PORT + 10_000)
                        + " and 32767 (below Linux's ephemeral ports); port " + app.port() + " leaves no room",
                "give the app a port between " + SlotPorts.MIN_APP_PORT + " and " + SlotPorts.MAX_APP_PORT
                        + ", or use strategy restart for it (deployer apps " + (app.name() == null ? "create" : "update " + app.name())
                        + " --strategy restart)"));
    }

    private static boolean slotPortsValid(int port) {
        return port >= SlotPorts.MIN_APP_PORT && port <= SlotPorts.MAX_APP_PORT;
    }

    /** The verdict on one port: {@code activeOwner} is the first of its own units found active, if any. */
    static PreflightCheck port(PortNeed need, boolean listening, Optional<String> activeOwner) {
        String name = "port " + need.port();
        if (!listening) {
            return PreflightCheck.pass(name, "free for " + need.use());
        }
        if (activeOwner.isPresent()) {
            return PreflightCheck.pass(name, "in use by " + activeOwner.get() + " itself (" + need.use() + ")");
        }
        return PreflightCheck.fail(name, "port " + need.port() + " (for " + need.use() + ") is already taken by another process",
                "stop what listens there (see: ss -ltnp 'sport = :" + need.port() + "') or give the app another port");
    }
}
