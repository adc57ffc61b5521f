package dev.deployer.server.logs;

import java.util.Optional;

/**
 * Where an entry sits in a host's journal, read from its cursor ({@code s=SEQNUM_ID;i=SEQNUM;b=BOOT;m=MONO;t=REALTIME;x=HASH},
 * numbers in hex). Within one sequence-number id the seqnum orders entries exactly; across ids (a journal
 * started afresh) only the wall-clock time is left to compare. This is what lets a client that joins a
 * shared stream skip what its own backlog already showed.
 */
record JournalCursor(String seqnumId, long seqnum, long realtime) {

    static Optional<JournalCursor> parse(String cursor) {
        if (cursor == null) {
            return Optional.empty();
        }
        String id = null;
        Long seqnum = null;
        Long realtime = null;
        for (String field : cursor.split(";")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = field.substring(eq + 1);
            switch (field.substring(0, eq)) {
                case "s" -> id = value;
                case "i" -> seqnum = hex(value);
                case "t" -> realtime = hex(value);
                default -> { }
            }
        }
        return id == null || seqnum == null || realtime == null ? Optional.empty()
                : Optional.of(new JournalCursor(id, seqnum, realtime));
    }

    /** True when {@code entry} comes after {@code reference}; an unreadable cursor counts as after: showing twice beats losing. */
    static boolean isAfter(String entry, String reference) {
        Optional<JournalCursor> a = parse(entry);
        Optional<JournalCursor> b = parse(reference);
        return a.isEmpty() || b.isEmpty() || a.get().compareTo(b.get()) > 0;
    }

    /** The earlier of two cursors (an unreadable one loses: it cannot be placed). */
    static String earlier(String one, String other) {
        Optional<JournalCursor> a = parse(one);
        Optional<JournalCursor> b = parse(other);
        if (a.isEmpty()) {
            return other;
        }
        if (b.isEmpty()) {
            return one;
        }
        return a.get().compareTo(b.get()) <= 0 ? one : other;
    }

    int compareTo(JournalCursor other) {
        return seqnumId.equals(other.seqnumId) ? Long.compareUnsigned(seqnum, other.seqnum)
                : Long.compareUnsigned(realtime, other.realtime);
    }

    private static Long hex(String value) {
        try {
            return Long.parseUnsignedLong(value, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
