package dev.deployer.server.build;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many instances of each process type run per host, as scaled: only the types someone scaled are named;
 * every other type runs {@link #DEFAULT} instance. Stored with the release as {@code worker=2,clock=0}.
 */
public record Formation(Map<String, Integer> counts) {
    public static final int DEFAULT = 1;
    public static final int MAX_PER_TYPE = 16;
    public static final Formation NONE = new Formation(Map.of());

    public Formation {
        counts = Map.copyOf(new TreeMap<>(counts));
        counts.forEach(Formation::check);
    }

    private static void check(String type, Integer count) {
        if (!Procfile.TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("'" + (type.length() > 40 ? type.substring(0, 40) + "..." : type)
                    + "' is not a process type: 1-30 of a-z, 0-9, '_' and '-', starting with a letter");
        }
        if (count == null || count < 0 || count > MAX_PER_TYPE) {
            throw new IllegalArgumentException(type + "=" + count + ": instances per host must be 0.." + MAX_PER_TYPE);
        }
    }

    /** The instances of {@code type} per host. */
    public int count(String type) {
        return counts.getOrDefault(type, DEFAULT);
    }

    /** This formation with {@code changes} applied. */
    public Formation with(Map<String, Integer> changes) {
        Map<String, Integer> merged = new TreeMap<>(counts);
        merged.putAll(changes);
        return new Formation(merged);
    }

    /** {@code worker=2,clock=0}, sorted; empty for no scaled type. */
    public String text() {
        return String.join(",", new TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** Reads {@link #text()} back; null or empty is {@link #NONE}. */
    public static Formation parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq < 1 || !pair.substring(eq + 1).matches("^[0-9]{1,2}$")) {
                throw new IllegalArgumentException("'" + pair + "' is not TYPE=N");
            }
            counts.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
        }
        return new Formation(counts);
    }
}
