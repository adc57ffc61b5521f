package dev.deployer.server.remote;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code deployer ps} reads from one host in one round trip: one {@code systemctl show} over every unit the app
 * may have there (its web unit, both slots, the Procfile instances and the cron services and timers, the last two
 * by glob), then the release links ({@code current}, {@code slot-a}, {@code slot-b}), then, for a zero-downtime app,
 * the proxy's {@code show stat} (its API line on stdin; the commands before it read none). Pure.
 */
public final class PsCommands {
    static final List<String> PROPERTIES = List.of("Id", "LoadState", "ActiveState", "SubState", "ActiveEnterTimestamp",
            "Result", "ExecMainStatus", "ExecMainExitTimestamp", "NextElapseUSecRealtime");

    private PsCommands() {}

    /**
     * Exit status is not meaningful (no proxy, no links yet): parse what it printed with {@link #parse}. systemctl expands
     * a glob to the units that are active only, so {@code named} lists the instances the current release should have and
     * the cron units it may have ({@link #cronUnits}): stopped or failed ones show too; the globs add strays that run.
     */
    public static RemoteCommand show(String app, List<String> named) {
        HostLayout layout = new HostLayout(app);
        List<String> words = new java.util.ArrayList<>(List.of("systemctl", "show"));
        PROPERTIES.forEach(p -> words.add("--property=" + p));
        words.addAll(List.of("--", layout.unitName(), layout.slotUnitName(Slot.A), layout.slotUnitName(Slot.B)));
        for (String unit : named) {
            if (!ProcessCommands.ownedBy(app, unit) && CronCommands.parse(app, unit).isEmpty()) {
                throw new IllegalArgumentException("not a unit of " + app + ": " + unit);
            }
            words.add(unit);
        }
        words.addAll(List.of(ProcessCommands.instanceGlob(app), CronCommands.serviceGlob(app), CronCommands.timerGlob(app)));
        return RemoteCommand.of(words).then(RemoteCommand.of("find", layout.appDir(), "-mindepth", "1", "-maxdepth", "1",
                "-type", "l", "(", "-name", "current", "-o", "-name", "slot-?", ")", "-printf", "%f %l\\n"));
    }

    /** {@link #show} and the proxy's state after it. */
    public static ProxyApiCall showWithProxy(String app, List<String> named) {
        ProxyApiCall stat = ProxyCommands.showStat(app);
        return new ProxyApiCall(show(app, named).then(stat.command()), stat.input());
    }

    /** Every cron service and timer name an app may have ({@code 1..max}). */
    public static List<String> cronUnits(String app, int max) {
        HostLayout layout = new HostLayout(app);
        List<String> units = new java.util.ArrayList<>();
        for (int n = 1; n <= max; n++) {
            units.add(layout.cronServiceName(n));
            units.add(layout.cronTimerName(n));
        }
        return units;
    }

    /**
     * One host's answer: each loaded unit's properties by its name (units systemd does not know are left out), the
     * release each link points at ({@code current}, {@code slot-a}...), and the live slot when a proxy answered.
     */
    public record HostProcesses(Map<String, Map<String, String>> units, Map<String, Integer> links, Optional<Slot> liveSlot,
                                boolean proxyAnswered) {}

    public static HostProcesses parse(String out) {
        int at = out.startsWith("# ") ? 0 : out.indexOf("\n# ");
        String own = at < 0 ? out : out.substring(0, at);
        Optional<ProxyStats> proxy = at < 0 ? Optional.empty() : Optional.of(ProxyStats.parse(out.substring(at == 0 ? 0 : at + 1)));
        Map<String, Map<String, String>> units = new LinkedHashMap<>();
        Map<String, Integer> links = new HashMap<>();
        Map<String, String> block = new HashMap<>();
        for (String line : (own + "\n\n").lines().toList()) {
            if (line.isBlank()) {
                if (block.containsKey("Id") && "loaded".equals(block.get("LoadState"))) {
                    units.put(block.get("Id"), Map.copyOf(block));
                }
                block = new HashMap<>();
            } else if (line.matches("^(current|slot-[ab]) \\S+$")) {
                String target = line.substring(line.indexOf(' ') + 1);
                if (target.matches("^releases/v[1-9][0-9]{0,8}$")) {
                    links.put(line.substring(0, line.indexOf(' ')), Integer.valueOf(target.substring("releases/v".length())));
                }
            } else if (line.contains("=")) {
                block.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return new HostProcesses(units, links, proxy.flatMap(ProxyStats::live), proxy.isPresent());
    }
}
