package dev.deployer.server.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one line of {@code journalctl -o json}. Field values are strings, except that a value
 * with bytes that are not UTF-8 (or not printable) is an array of byte numbers, a field set more
 * than once is an array of such values, and an over-long one may be null.
 */
final class JournalJson {
    /** Longest message kept; journald allows far larger ones, and every client buffer holds thousands of lines. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024;
    static final int DEFAULT_PRIORITY = 6; // info: what journald assumes for stdout of a unit

    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalJson() {}

    /** The entry on {@code line}, or empty when the line is not a journal entry (a warning printed by sudo or journalctl). */
    static Optional<JournalEntry> parse(String line) {
        if (line == null || !line.startsWith("{")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        Long micros = number(text(node.get("__REALTIME_TIMESTAMP")));
        if (!node.isObject() || micros == null) {
            return Optional.empty();
        }
        Instant at = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        Long priority = number(text(node.get("PRIORITY")));
        int level = priority != null && priority >= 0 && priority <= 7 ? priority.intValue() : DEFAULT_PRIORITY;
        return Optional.of(new JournalEntry(at, level, capped(text(node.get("MESSAGE"))), text(node.get("__CURSOR")),
                text(node.get("_SYSTEMD_UNIT"))));
    }

    /** A field's value as text: a string, bytes decoded as UTF-8 (bad bytes become U+FFFD), several values one per line. */
    static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray() && !value.isEmpty() && value.get(0).isNumber()) {
            return bytes(value);
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            value.forEach(each -> {
                String text = text(each);
                if (text != null) {
                    values.add(text);
                }
            });
            return String.join("\n", values);
        }
        return value.asText();
    }

    private static String bytes(JsonNode numbers) {
        byte[] raw = new byte[numbers.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) numbers.get(i).asInt();
        }
        return new String(raw, StandardCharsets.UTF_8); // malformed bytes become U+FFFD
    }

    private static String capped(String message) {
        if (message == null) {
            return "";
        }
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        int cut = Character.isHighSurrogate(message.charAt(MAX_MESSAGE_CHARS - 1)) ? MAX_MESSAGE_CHARS - 1 : MAX_MESSAGE_CHARS;
        return message.substring(0, cut) + "… [" + (message.length() - cut) + " more characters cut]";
    }

    private static Long number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
