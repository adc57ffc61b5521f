package dev.deployer.server.logs;

import dev.deployer.server.remote.ProcessCommands;
import java.time.Instant;

/**
 * One journald entry as read from {@code journalctl -o json}: enough to show it and to continue after it, and the unit
 * that wrote it (null when journalctl did not say).
 */
record JournalEntry(Instant at, int priority, String message, String cursor, String unit) {
    JournalEntry(Instant at, int priority, String message, String cursor) {
        this(at, priority, message, cursor, null);
    }

    /** Whether {@code app}'s reader keeps it: an entry of another app's unit that a glob caught is not {@code app}'s. */
    boolean of(String app) {
        return unit == null || ProcessCommands.ownedBy(app, unit);
    }

    /** {@link #of(String)}, and of process type {@code type} (null: any); an entry that names no unit is of no type. */
    boolean of(String app, String type) {
        return type == null ? of(app) : unit != null && ProcessCommands.typeOf(app, unit).filter(type::equals).isPresent();
    }
}
