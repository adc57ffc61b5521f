package dev.deployer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.api.Json;
import dev.deployer.api.LogLine;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Prints log lines as {@code TIME HOST MESSAGE}, time in UTC so it can be pasted into {@code --since};
 * notices go to stderr, so stdout stays the app's own lines for grep and friends.
 */
final class LogPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Colours and cursor moves an app wrote for its own terminal: dropped, they would only garble this one. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]");
    /** Any other control character could rewrite the operator's terminal: shown, not obeyed. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\t\n]]");

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final ObjectMapper mapper = Json.mapper();

    LogPrinter(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    void print(LogLine line) {
        if (json) {
            out.println(asJson(line));
            out.flush();
            return;
        }
        PrintWriter target = line.isNotice() ? err : out;
        target.println(format(line));
        target.flush();
    }

    /** Every line of a multi-line message gets the prefix, so each printed line still says when and where. */
    static String format(LogLine line) {
        String prefix = TIME.format(line.at()) + " " + (line.host() == null ? "-" : line.host())
                + (line.isNotice() ? " deployer: " : " ");
        String message = CONTROL.matcher(ANSI.matcher(line.message()).replaceAll("")).replaceAll("?");
        StringBuilder text = new StringBuilder();
        for (String part : message.split("\n", -1)) {
            text.append(text.length() == 0 ? "" : "\n").append(prefix).append(part);
        }
        return text.toString();
    }

    private String asJson(LogLine line) {
        try {
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a log line is always JSON", e);
        }
    }
}
