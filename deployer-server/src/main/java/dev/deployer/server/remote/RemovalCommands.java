package dev.deployer.server.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * Taking an app off a host, whichever strategy it used there (an app may have moved between them): the
 * restart-strategy unit, the proxy, both slots and the standby timer, their files, the slot links and
 * {@code /etc/deployer/APP/} (the slot env files hold the app's config values). Releases and the current
 * link stay unless purged ({@link HostCommands#removeTree} of {@link HostLayout#appDir()}). Pure.
 */
public final class RemovalCommands {
    /** Every unit file deployer writes for an app says {@code WantedBy=multi-user.target} (SystemdUnit, ProxyUnit). */
    static final String WANTS_DIR = HostLayout.UNIT_DIR + "/multi-user.target.wants";

    private RemovalCommands() {}

    /** The units, the timer first so it cannot fire mid-removal, the proxy before the slots behind it. */
    public static List<String> units(String app) {
        HostLayout layout = new HostLayout(app);
        return List.of(layout.standbyTimerName(), layout.proxyUnitName(), layout.slotUnitName(Slot.A),
                layout.slotUnitName(Slot.B), layout.unitName());
    }

    /**
     * One {@code systemctl stop} of every unit and of {@code processes}, the app's Procfile instances and cron units as the
     * host listed them (named, never a glob: {@code deployer-shop-*} would stop app shop-admin's too): systemctl goes on past a unit
     * that is not loaded (an app never has all of them), so its exit status says only that one was missing or would not
     * stop. Run allowing failure.
     */
    public static RemoteCommand stopAll(String app, List<String> processes) {
        List<String> words = new ArrayList<>(List.of("systemctl", "stop", "--"));
        words.addAll(units(app));
        for (String unit : processes) {
            if (ProcessCommands.parse(app, unit).isEmpty() && CronCommands.parse(app, unit).isEmpty()) {
                throw new IllegalArgumentException("not a process instance or cron unit of " + app + ": " + unit);
            }
            words.add(unit);
        }
        return RemoteCommand.of(words);
    }

    /**
     * Removes the unit files and their {@code multi-user.target.wants} links (what {@code systemctl disable} removes,
     * without its failing on a unit that never existed), the env files, {@code /etc/deployer/APP/} and the slot links,
     * then reloads systemd. Must succeed: each {@code rm -f} fails only on something it cannot remove.
     */
    public static RemoteCommand removeFiles(String app) {
        HostLayout layout = new HostLayout(app);
        List<String> files = new ArrayList<>(List.of("rm", "-f", "--"));
        for (String unit : List.of(layout.proxyUnitName(), layout.slotUnitName(Slot.A), layout.slotUnitName(Slot.B), layout.unitName())) {
            files.add(HostLayout.UNIT_DIR + "/" + unit);
            files.add(WANTS_DIR + "/" + unit);
        }
        files.add(layout.envFile());
        files.add(layout.slotLink(Slot.A));
        files.add(layout.slotLink(Slot.B));
        // Process templates and their instances' wants links: names that vary with the Procfile, so found, not listed;
        // by a regex that stops at the type (no '-'), so app shop never takes app shop-admin's units with it.
        RemoteCommand processes = RemoteCommand.of("find", HostLayout.UNIT_DIR, "-maxdepth", "2", "-regextype", "posix-extended",
                "-regex", ".*/" + layout.processPrefix() + "[a-z][a-z0-9_]{0,29}@[0-9]{0,2}\\.service", "-delete");
        // Cron services, timers and the timers' boot links (timers.target.wants): deployer-APP@cron-N, this app's alone.
        RemoteCommand cron = RemoteCommand.of("find", HostLayout.UNIT_DIR, "-maxdepth", "2", "-regextype", "posix-extended",
                "-regex", ".*/" + layout.cronPrefix() + "[1-9][0-9]?\\.(service|timer)", "-delete");
        return RemoteCommand.and(RemoteCommand.of(files), processes, cron, HostCommands.removeTree(layout.etcDir()),
                HostCommands.daemonReload());
    }
}
