package dev.deployer.server.remote;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slots as the proxy sees them, parsed from {@code show stat} (CSV, first line the header
 * {@code # pxname,svname,...}). Columns are found by name, so a haproxy that adds columns still parses.
 */
public record ProxyStats(Map<Slot, Server> servers) {
    /** What the proxy does with a slot: READY takes new requests, DRAIN only finishes what it has, MAINT gets nothing. */
    public enum State { READY, DRAIN, MAINT, OTHER }

    /** {@code status} as haproxy printed it ("no check" when ready without health checks, "DRAIN", "MAINT"). */
    public record Server(Slot slot, State state, String status, int sessions) {}

    public ProxyStats {
        servers = Map.copyOf(servers);
    }

    public Optional<Server> server(Slot slot) {
        return Optional.ofNullable(servers.get(slot));
    }

    /** The one READY slot, if exactly one is: what "live" means on this host. */
    public Optional<Slot> live() {
        List<Slot> ready = servers.values().stream().filter(s -> s.state() == State.READY).map(Server::slot).toList();
        return ready.size() == 1 ? Optional.of(ready.get(0)) : Optional.empty();
    }

    public static ProxyStats parse(String showStat) {
        List<String> lines = showStat.lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new IllegalArgumentException("not haproxy 'show stat' output: " + clip(showStat));
        }
        List<String> header = List.of(lines.get(0).substring(2).split(",", -1));
        int px = column(header, "pxname");
        int sv = column(header, "svname");
        int scur = column(header, "scur");
        int status = column(header, "status");
        Map<Slot, Server> servers = new EnumMap<>(Slot.class);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length < header.size() || !cells[px].equals(ProxyConfig.BACKEND)) {
                continue;
            }
            for (Slot slot : Slot.values()) {
                if (cells[sv].equals(slot.id())) {
                    servers.put(slot, new Server(slot, state(cells[status]), cells[status], sessions(cells[scur])));
                }
            }
        }
        return new ProxyStats(servers);
    }

    private static State state(String status) {
        if (status.startsWith("MAINT")) {
            return State.MAINT;
        }
        if (status.startsWith("DRAIN")) {
            return State.DRAIN;
        }
        return status.equals("no check") || status.startsWith("UP") ? State.READY : State.OTHER;
    }

    private static int sessions(String cell) {
        try {
            return Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("haproxy printed '" + clip(cell) + "' as a session count");
        }
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("haproxy 'show stat' has no column " + name);
        }
        return index;
    }

    private static String clip(String text) {
        String line = text.strip().lines().findFirst().orElse("(nothing)");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
