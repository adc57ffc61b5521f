package dev.deployer.server.apps;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options of an app: words separated by whitespace, written into the unit's
 * {@code ExecStart=}. Quotes and backslashes are refused rather than escaped, because systemd
 * would re-read them and no plain JVM option needs them; {@code %} and {@code $}, common in
 * patterns and paths, are escaped so systemd passes them through unchanged.
 */
public final class JavaOptions {
    static final int MAX_LENGTH = 2000;

    private JavaOptions() {}

    /** The options as words; an empty or blank text has none. */
    public static List<String> words(String options) {
        if (options == null || options.isBlank()) {
            return List.of();
        }
        return Arrays.stream(options.strip().split("[ \t]+")).toList();
    }

    /** Returns {@code options} when every word can go into {@code ExecStart=} as is; else says what is wrong. */
    public static String check(String options) {
        if (options == null) {
            return "";
        }
        if (options.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("java options are longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c != ' ' && c != '\t' && (c < '!' || c > '~')) {
                throw new IllegalArgumentException("java options may hold only printable ASCII, spaces and tabs");
            }
            if (c == '"' || c == '\'' || c == '\\' || c == '`') {
                throw new IllegalArgumentException("java options may not contain quotes or backslashes: "
                        + "systemd would re-read them; no plain JVM option needs them");
            }
        }
        if (words(options).contains(";")) {
            throw new IllegalArgumentException("java options may not contain a lone ';': systemd reads it as a second command");
        }
        return options.strip();
    }

    /** One checked word as {@code ExecStart=} must spell it: {@code %} and {@code $} doubled, so neither is expanded. */
    public static String forExecStart(String word) {
        return word.replace("%", "%%").replace("$", "$$");
    }
}
