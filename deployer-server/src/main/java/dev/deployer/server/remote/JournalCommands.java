package dev.deployer.server.remote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builders of the {@code journalctl} commands that read an app's unit logs on a host, as JSON
 * lines. Pure. The caller runs them privileged: a non-root user sees only its own journal, not
 * the app unit's. Fields are cut to what a log line shows; journalctl adds the cursor and the
 * timestamps to every entry anyway.
 */
public final class JournalCommands {
    /** The most entries one read returns per host: bounds what a host sends back for one request. */
    public static final int MAX_LINES = 10_000;

    // journalctl's cursor: key=value pairs of hex and letters joined by ';'; anything else never came from it.
    private static final Pattern CURSOR = Pattern.compile("^[A-Za-z0-9=;_-]{1,512}$");

    private JournalCommands() {}

    /** The unit's last {@code lines} entries (from {@code since} on, when given), oldest first; then it exits. */
    public static RemoteCommand read(String app, int lines, Instant since) {
        return read(app, lines, since, null);
    }

    /** {@link #read(String, int, Instant)} of the units of one process type ({@code type} null: all). */
    public static RemoteCommand read(String app, int lines, Instant since, String type) {
        if (lines < 0 || lines > MAX_LINES) {
            throw new IllegalArgumentException("lines must be 0.." + MAX_LINES + " (got " + lines + ")");
        }
        List<String> words = base(app, type);
        words.add("--lines=" + lines);
        if (since != null) {
            words.add("--since=" + epoch(since));
        }
        return RemoteCommand.of(words);
    }

    /**
     * Follows the unit from just after {@code afterCursor}, or from {@code since} when no cursor is known, until the
     * command is stopped. {@code --no-tail} undoes the ten lines {@code --follow} would otherwise start with.
     */
    public static RemoteCommand follow(String app, String afterCursor, Instant since) {
        List<String> words = base(app, null);
        words.add("--follow");
        words.add("--no-tail");
        if (afterCursor != null) {
            if (!CURSOR.matcher(afterCursor).matches()) {
                throw new IllegalArgumentException("not a journal cursor: '" + afterCursor + "'");
            }
            words.add("--after-cursor=" + afterCursor);
        } else if (since != null) {
            words.add("--since=" + epoch(since));
        } else {
            throw new IllegalArgumentException("following needs a cursor or a start time");
        }
        return RemoteCommand.of(words);
    }

    private static List<String> base(String app, String type) {
        // The app's own unit, both zero-downtime slots, every Procfile process instance (a glob) and the cron services:
        // whichever strategy ran it, and a slot's lines before a switch too. The instance glob also matches another app's
        // process instances when that app's name goes on after this one's (shop, shop-admin): _SYSTEMD_UNIT tells the
        // reader which to drop. One type: only its units (so --lines counts that type's lines).
        HostLayout layout = new HostLayout(app);
        List<String> words = new ArrayList<>(List.of("journalctl"));
        if (type == null || type.equals(ProcessCommands.WEB)) {
            words.addAll(List.of("--unit=" + layout.unitName(), "--unit=" + layout.slotUnitName(Slot.A), "--unit=" + layout.slotUnitName(Slot.B)));
        }
        // journalctl fails ("Failed to add filter for units: No data available") when its only --unit is a glob that
        // matches nothing in the journal: a type's first unit, named, keeps a host without that type's lines readable.
        if (type == null) {
            words.add("--unit=" + ProcessCommands.instanceGlob(app));
        } else if (!type.equals(ProcessCommands.WEB) && !type.equals(ProcessCommands.CRON)) {
            words.add("--unit=" + layout.processUnitName(type, 1));
            words.add("--unit=" + layout.processTemplateName(type).replace("@.service", "@[0-9]*.service"));
        }
        if (type != null && type.equals(ProcessCommands.CRON)) {
            words.add("--unit=" + layout.cronServiceName(1));
        }
        if (type == null || type.equals(ProcessCommands.CRON)) {
            words.add("--unit=" + CronCommands.serviceGlob(app));
        }
        words.addAll(List.of("--output=json", "--output-fields=MESSAGE,PRIORITY,_SYSTEMD_UNIT", "--all", "--no-pager", "--quiet"));
        return words;
    }

    /** {@code @SECONDS.MICROS}: journalctl's zone-free form, so neither host nor server time zone can shift it. */
    static String epoch(Instant at) {
        if (at.getEpochSecond() < 0) {
            throw new IllegalArgumentException("times before 1970 are not in any journal");
        }
        String micros = Long.toString(1_000_000L + at.getNano() / 1000).substring(1);
        return "@" + at.getEpochSecond() + "." + micros;
    }
}
