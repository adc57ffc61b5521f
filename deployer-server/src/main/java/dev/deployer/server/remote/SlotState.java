package dev.deployer.server.remote;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Both slots of an app on one host as {@link SlotCommands#readSlots} printed them: each slot unit's
 * state, main PID and the release its link points at, and when the standby timer (if any) fires.
 */
public record SlotState(Map<Slot, Instance> slots, Instant standbyUntil) {
    private static final DateTimeFormatter SYSTEMD_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    /** One slot: {@code version} is the release its link points at (null when it has none). */
    public record Instance(Slot slot, String activeState, Instant since, String mainPid, Integer version) {
        public boolean active() {
            return "active".equals(activeState);
        }
    }

    public SlotState {
        slots = Map.copyOf(slots);
    }

    public Instance slot(Slot slot) {
        return slots.get(slot);
    }

    public Optional<Instant> standbyEnds() {
        return Optional.ofNullable(standbyUntil);
    }

    public static SlotState parse(String app, String out) {
        HostLayout layout = new HostLayout(app);
        Map<String, Map<String, String>> units = new HashMap<>();
        Map<String, String> block = new HashMap<>();
        Map<Slot, Integer> versions = new EnumMap<>(Slot.class);
        for (String line : (out + "\n\n").lines().toList()) {
            if (line.isBlank()) {
                if (block.containsKey("Id")) {
                    units.put(block.get("Id"), block);
                }
                block = new HashMap<>();
            } else if (line.startsWith("slot-") && line.indexOf(' ') == 6) {
                Slot slot = Slot.of(line.substring(5, 6));
                String target = line.substring(7).trim();
                if (target.matches("^releases/v[1-9][0-9]{0,8}$")) {
                    versions.put(slot, Integer.valueOf(target.substring("releases/v".length())));
                }
            } else if (line.contains("=")) {
                block.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Map<Slot, Instance> slots = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            Map<String, String> unit = units.getOrDefault(layout.slotUnitName(slot), Map.of());
            slots.put(slot, new Instance(slot, unit.getOrDefault("ActiveState", "unknown"), time(unit.get("ActiveEnterTimestamp")),
                    unit.getOrDefault("MainPID", "0"), versions.get(slot)));
        }
        Map<String, String> timer = units.getOrDefault(layout.standbyTimerName(), Map.of());
        Instant until = "active".equals(timer.get("ActiveState")) ? time(timer.get("NextElapseUSecRealtime")) : null;
        return new SlotState(slots, until);
    }

    /** systemd's own timestamp format ({@code Tue 2026-12-01 13:40:00 UTC}); null for empty or unreadable. */
    public static Instant time(String systemdTime) {
        if (systemdTime == null || systemdTime.isBlank() || systemdTime.equals("n/a")) {
            return null;
        }
        try {
            return ZonedDateTime.parse(systemdTime.trim(), SYSTEMD_TIME).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
