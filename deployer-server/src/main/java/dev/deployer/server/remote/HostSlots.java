package dev.deployer.server.remote;

import java.util.Optional;

/**
 * What the proxy and both slots of an app are doing on one host, read in one round trip: {@link SlotCommands#readSlots}
 * and then the proxy's {@code show stat} (its API line on stdin; the commands before it read none). Without a proxy
 * answering, {@link #proxy()} is empty.
 */
public record HostSlots(Optional<ProxyStats> proxy, SlotState slots) {
    public static ProxyApiCall read(String app) {
        ProxyApiCall stat = ProxyCommands.showStat(app);
        return new ProxyApiCall(SlotCommands.readSlots(app).then(stat.command()), stat.input());
    }

    /** Splits {@link #read}'s output where haproxy's CSV header ({@code # pxname,...}) begins: no slot line starts with '#'. */
    public static HostSlots parse(String app, String out) {
        int at = out.startsWith("# ") ? 0 : out.indexOf("\n# ");
        if (at < 0) {
            return new HostSlots(Optional.empty(), SlotState.parse(app, out));
        }
        int header = at == 0 ? 0 : at + 1;
        return new HostSlots(Optional.of(ProxyStats.parse(out.substring(header))), SlotState.parse(app, out.substring(0, header)));
    }

    public boolean proxyRunning() {
        return proxy.isPresent();
    }

    /** The one slot the proxy sends traffic to, if exactly one. */
    public Optional<Slot> live() {
        return proxy.flatMap(ProxyStats::live);
    }
}
