package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One entry of an app's logs as served by {@code GET /api/apps/{app}/logs}: a journald line of
 * the app's unit on {@code host}, or a notice from the deployer itself about the stream (a host
 * that dropped and is being reconnected, lines dropped because the client read too slowly).
 *
 * @param priority syslog priority of the line, 0 (emerg) .. 7 (debug); notices use 5 (notice) or 4 (warning)
 * @param host     the deployer's name of the host; null for a notice about the whole stream
 * @param kind     {@value #LINE} or {@value #NOTICE}; also the SSE event name while following
 */
public record LogLine(Instant at, String host, int priority, String message, String kind) {
    public static final String LINE = "line";
    public static final String NOTICE = "notice";

    public static LogLine line(Instant at, String host, int priority, String message) {
        return new LogLine(at, host, priority, message, LINE);
    }

    public static LogLine notice(Instant at, String host, int priority, String message) {
        return new LogLine(at, host, priority, message, NOTICE);
    }

    /** Derived from {@code kind}, so not a field of its own on the wire. */
    @JsonIgnore
    public boolean isNotice() {
        return NOTICE.equals(kind);
    }
}
