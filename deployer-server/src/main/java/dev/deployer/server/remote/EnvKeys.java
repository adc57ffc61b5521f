package dev.deployer.server.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys of an env file as {@link EnvFile} writes it, each with the sha256 of its value: what a dry run compares, so
 * no value outlives the parse (a value is digested as soon as its closing quote is read). A line not in deployer's
 * {@code KEY="..."} form (an edit by hand) still counts under its key, digested as written.
 */
public final class EnvKeys {
    private EnvKeys() {}

    /** Keys added, removed and changed from one env file to the next, each list sorted; no value anywhere. */
    public record Diff(List<String> added, List<String> removed, List<String> changed) {
        public Diff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    /** Key to sha256 (hex) of its value, in key order; comments and blank lines are skipped. */
    public static Map<String, String> digests(String text) {
        Map<String, String> keys = new TreeMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = text.indexOf('\n', i);
            int lineEnd = end < 0 ? n : end;
            String head = text.substring(i, lineEnd).strip();
            int eq = text.indexOf('=', i);
            if (head.isEmpty() || head.startsWith("#") || eq < 0 || eq > lineEnd) {
                i = lineEnd + 1;
                continue;
            }
            String key = text.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int at = eq + 1;
            if (at < n && text.charAt(at) == '"') {
                at = quoted(text, at + 1, value);
                int next = text.indexOf('\n', at);
                i = next < 0 ? n : next + 1;
            } else {
                value.append(text, at, lineEnd);
                i = lineEnd + 1;
            }
            keys.put(key, sha256(value));
            value.setLength(0);
        }
        return keys;
    }

    /** Reads a double-quoted value from {@code at} (after the opening quote) into {@code value}; returns the index after it. */
    private static int quoted(String text, int at, StringBuilder value) {
        int n = text.length();
        while (at < n) {
            char c = text.charAt(at);
            if (c == '"') {
                return at + 1;
            }
            if (c == '\\' && at + 1 < n && (text.charAt(at + 1) == '\\' || text.charAt(at + 1) == '"')) {
                value.append(text.charAt(at + 1));
                at += 2;
                continue;
            }
            value.append(c);
            at++;
        }
        return n;
    }

    public static Diff diff(Map<String, String> before, Map<String, String> after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.forEach((key, digest) -> {
            if (!before.containsKey(key)) {
                added.add(key);
            } else if (!before.get(key).equals(digest)) {
                changed.add(key);
            }
        });
        before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(removed::add);
        return new Diff(added.stream().sorted().toList(), removed.stream().sorted().toList(), changed.stream().sorted().toList());
    }

    private static String sha256(CharSequence value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
