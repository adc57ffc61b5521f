package dev.deployer.server.build;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An app's scheduled jobs: the {@code cron} entries of {@code app.json} at its repository's root, Dokku's format
 * ({@code {"cron": [{"command": "...", "schedule": "0 3 * * *"}]}}, plus an optional {@code "host"}). Read at build
 * time and stored with the release in {@link #text()}'s form. Each command is split into words like a Procfile's
 * ({@link CommandWords}: no shell), each schedule parsed by cron-utils and turned into a systemd calendar
 * ({@link CronCalendar}); a bad entry is refused with its index. Other keys of app.json are not read.
 */
public record CronTable(List<Entry> entries) {
    public static final int MAX_ENTRIES = 20;
    public static final int MAX_COMMAND_CHARS = 2048;
    public static final int MAX_FILE_BYTES = 64 * 1024;
    public static final CronTable NONE = new CronTable(List.of());
    private static final Set<String> KEYS = Set.of("command", "schedule", "host");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * Entry {@code number} (1.., {@code cron[number-1]} in the file): its command as written and its words, its schedule
     * and that schedule's {@code OnCalendar=} value, and the host it must run on (null: the app's first host).
     */
    public record Entry(int number, String command, List<String> words, String schedule, String calendar, String host) {
        public Entry {
            words = List.copyOf(words);
        }
    }

    public CronTable {
        entries = List.copyOf(entries);
    }

    /** The entries of an {@code app.json} text (or of {@link #text()}); throws IllegalArgumentException naming the bad one. */
    public static CronTable parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("app.json is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("app.json must be a JSON object");
        }
        JsonNode cron = root.get("cron");
        if (cron == null || cron.isNull()) {
            return NONE;
        }
        if (!cron.isArray()) {
            throw new IllegalArgumentException("app.json cron must be a list of {\"command\": ..., \"schedule\": ...}");
        }
        if (cron.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("app.json cron has " + cron.size() + " entries; at most " + MAX_ENTRIES);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < cron.size(); i++) {
            String where = "app.json cron[" + i + "]: ";
            try {
                entries.add(entry(i + 1, cron.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
        }
        return new CronTable(entries);
    }

    private static Entry entry(int number, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("an entry is {\"command\": ..., \"schedule\": ...}");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + cut(key) + "' (an entry has command, schedule and optionally host)");
            }
        }
        String command = text(node, "command").strip();
        if (command.length() > MAX_COMMAND_CHARS) {
            throw new IllegalArgumentException("the command is longer than " + MAX_COMMAND_CHARS + " characters");
        }
        for (char c : command.toCharArray()) {
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("the command holds a control character (code " + (int) c + ")");
            }
        }
        List<String> words;
        try {
            words = CommandWords.split(command);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the command " + (command.isEmpty() ? "is empty" : "has an unclosed quote"));
        }
        String schedule = text(node, "schedule");
        String calendar;
        try {
            calendar = CronCalendar.of(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule '" + cut(schedule) + "': " + e.getMessage());
        }
        String host = null;
        if (node.has("host")) {
            host = text(node, "host");
            if (!host.matches("^[a-z0-9][a-z0-9.-]{0,62}$")) {
                throw new IllegalArgumentException("host '" + cut(host) + "' is not a host name");
            }
        }
        return new Entry(number, command, words, schedule.strip().replaceAll("\\s+", " "), calendar, host);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return value.asText();
    }

    /** Every entry's host must be one of the app's; {@code hosts}: the app's, in order. */
    public void checkHosts(List<String> hosts) {
        for (Entry entry : entries) {
            if (entry.host() != null && !hosts.contains(entry.host())) {
                throw new IllegalArgumentException("app.json cron[" + (entry.number() - 1) + "]: host '" + entry.host()
                        + "' is not one of the app's hosts (" + String.join(", ", hosts) + ")");
            }
        }
    }

    /** Where entry runs: its host while that is still one of the app's, else the app's first host. */
    public static String hostOf(Entry entry, List<String> hosts) {
        return entry.host() != null && hosts.contains(entry.host()) ? entry.host() : hosts.get(0);
    }

    /** Each entry's schedule by its number. */
    public Map<Integer, String> schedules() {
        Map<Integer, String> schedules = new LinkedHashMap<>();
        entries.forEach(e -> schedules.put(e.number(), e.schedule()));
        return schedules;
    }

    /** What a release stores: app.json's cron list alone, normalized; null when there are no entries. */
    public String text() {
        if (entries.isEmpty()) {
            return null;
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("cron");
        for (Entry e : entries) {
            ObjectNode node = list.addObject().put("command", e.command()).put("schedule", e.schedule());
            if (e.host() != null) {
                node.put("host", e.host());
            }
        }
        return root.toString();
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
