package dev.deployer.server.remote;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builders of the slot side of a zero-downtime rollout (the proxy side is {@link ProxyCommands}):
 * which release a slot runs, reading both slots in one round trip, and the host's own timer that
 * stops a warm standby when its window ends. Pure; paths from {@link HostLayout}.
 */
public final class SlotCommands {
    /** systemd-run's calendar syntax, always in UTC so the server's and the host's time zones never matter. */
    private static final DateTimeFormatter CALENDAR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private SlotCommands() {}

    /** Points {@code slot-X} at {@code releases/vN} atomically, like {@link ReleaseCommands#switchCurrent}. */
    public static RemoteCommand pointSlot(String app, Slot slot, int version, String tempSuffix) {
        HostLayout layout = new HostLayout(app);
        String link = layout.slotLink(slot);
        String temp = HostCommands.tempBeside(link, tempSuffix);
        return RemoteCommand.and(
                HostCommands.removeFile(temp),
                HostCommands.symlink(layout.currentTarget(version), temp),
                HostCommands.moveReplacing(temp, link));
    }

    /**
     * Everything the rollout and the status need to know of both slots, in one round trip: {@code systemctl show}
     * blocks (Id, ActiveState, ActiveEnterTimestamp, MainPID) for both slot units and the standby timer, then
     * one {@code slot-X releases/vN} line per slot link. Exit status is not meaningful: parse with {@link SlotState}.
     */
    public static RemoteCommand readSlots(String app) {
        HostLayout layout = new HostLayout(app);
        return RemoteCommand.of("systemctl", "show", "--property=Id", "--property=ActiveState",
                        "--property=ActiveEnterTimestamp", "--property=MainPID", "--property=NextElapseUSecRealtime", "--",
                        layout.slotUnitName(Slot.A), layout.slotUnitName(Slot.B), layout.standbyTimerName())
                .then(RemoteCommand.of("find", layout.appDir(), "-mindepth", "1", "-maxdepth", "1", "-type", "l",
                        "-name", "slot-?", "-printf", "%f %l\\n"));
    }

    /**
     * A timer on the host that stops {@code slot} at {@code until}: the host ends the standby window itself,
     * so it ends on time even when the server is down. {@code AccuracySec=1s}: systemd's default would allow a minute.
     */
    public static RemoteCommand stopStandbyAt(String app, Slot slot, Instant until) {
        HostLayout layout = new HostLayout(app);
        return RemoteCommand.of("systemd-run", "--unit=" + layout.standbyUnitBase(),
                "--description=deployer: end the warm standby of " + app + " (slot " + slot.id() + ")",
                "--on-calendar=" + CALENDAR.format(until), "--timer-property=AccuracySec=1s", "--collect", "--quiet",
                "--", "/usr/bin/systemctl", "stop", "--", layout.slotUnitName(slot));
    }

    /** Cancels a pending standby stop; harmless when there is none (run allowing failure). */
    public static RemoteCommand cancelStandbyStop(String app) {
        return RemoteCommand.of("systemctl", "stop", "--", new HostLayout(app).standbyTimerName());
    }

    /** The slot unit's last journal lines: why a new slot did not come up. */
    public static RemoteCommand journalTail(String app, Slot slot, int lines) {
        return RemoteCommand.of("journalctl", "--unit", new HostLayout(app).slotUnitName(slot), "--lines", String.valueOf(lines),
                "--no-pager", "--output", "cat");
    }

    /** Every unit of a zero-downtime app on a host, for taking it off or moving it back to one unit. */
    public static List<String> units(String app) {
        HostLayout layout = new HostLayout(app);
        return List.of(layout.proxyUnitName(), layout.slotUnitName(Slot.A), layout.slotUnitName(Slot.B));
    }

    /** Prints the file name of every slot and proxy unit of {@code app} on the host, one a line (none: nothing). */
    public static RemoteCommand listSlotUnits(String app) {
        return RemoteCommand.of("find", HostLayout.UNIT_DIR, "-maxdepth", "1", "-name", "deployer-" + new HostLayout(app).app() + "@*.service",
                "-printf", "%f\\n");
    }
}
