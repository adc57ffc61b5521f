package dev.deployer.server.logs;

import dev.deployer.api.HostInput;
import dev.deployer.server.remote.JournalCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a logs request asks for, checked: how many lines, one host or all, and from when.
 *
 * @param host  null for all of the app's hosts
 * @param since null for no lower bound
 * @param type  null for every process type; else {@code web}, {@code cron} or a Procfile type
 */
public record LogQuery(int lines, String host, Instant since, String type) {
    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_]{0,29}$");

    public static final int DEFAULT_LINES = 100;

    private static final Pattern AGO = Pattern.compile("^([1-9][0-9]{0,5})(s|m|h|d)$");

    public LogQuery {
        if (lines < 0 || lines > JournalCommands.MAX_LINES) {
            throw new IllegalArgumentException("lines must be 0.." + JournalCommands.MAX_LINES + " (got " + lines + ")");
        }
        if (host != null) {
            HostInput.name(host);
        }
        if (type != null && !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("type must be web, cron or a Procfile process type: 1-30 of a-z, 0-9 and '_', "
                    + "starting with a letter (got '" + (type.length() > 40 ? type.substring(0, 40) + "…" : type) + "')");
        }
    }

    public LogQuery(int lines, String host, Instant since) {
        this(lines, host, since, null);
    }

    /**
     * From request parameters: {@code since} is an ISO-8601 instant ({@code 2026-11-25T14:00:00Z}) or a time ago
     * ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}); nothing else, so no host ever reads it its own way.
     */
    public static LogQuery of(Integer lines, String host, String since, Clock clock) {
        return of(lines, host, since, null, clock);
    }

    public static LogQuery of(Integer lines, String host, String since, String type, Clock clock) {
        return new LogQuery(lines == null ? DEFAULT_LINES : lines, blankToNull(host), since(blankToNull(since), clock), blankToNull(type));
    }

    static Instant since(String text, Clock clock) {
        if (text == null) {
            return null;
        }
        Matcher ago = AGO.matcher(text);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration back = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(back);
        }
        try {
            Instant at = Instant.parse(text);
            if (at.getEpochSecond() < 0) {
                throw new IllegalArgumentException("since " + text + " is before 1970: no journal goes back that far");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 time such as 2026-11-25T14:00:00Z, or a time ago "
                    + "such as 90s, 15m, 2h or 7d (got '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "')");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
