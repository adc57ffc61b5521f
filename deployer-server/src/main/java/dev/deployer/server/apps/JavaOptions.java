package dev.deployer.server.apps;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JVM options of an app: words separated by whitespace, written into the unit's
 * {@code ExecStart=}. Quotes and backslashes are refused rather than escaped, because systemd
 * would re-read them and no plain JVM option needs them; {@code %} and {@code $}, common in
 * patterns and paths, are escaped so systemd passes them through unchanged.
 */
public final class JavaOptions {
    static final int MAX_LENGTH = 2000;
    private static final Pattern JVM_OPTION = Pattern.compile("^--?[A-Za-z][!-~]*$");

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
        for (String word : words(options)) {
            checkWord(word);
        }
        return options.strip();
    }

    /**
     * Every word must be a JVM option on its own: {@code -Xmx1g}, {@code -XX:+UseG1GC}, {@code -Dkey=value},
     * {@code --add-opens=...}. A word that is not (a file, a second command) would change what the unit runs.
     */
    private static void checkWord(String word) {
        if (word.contains(";")) {
            throw new IllegalArgumentException("java options may not contain ';' (in " + shown(word)
                    + "): systemd would read it as the start of a second command");
        }
        if (!JVM_OPTION.matcher(word).matches()) {
            throw new IllegalArgumentException("java options must each be a JVM option starting with '-', such as -Xmx512m, "
                    + "-XX:+UseG1GC or -Dkey=value: " + shown(word) + " is not one");
        }
        if (word.equals("-jar") || word.equals("-cp") || word.equals("-classpath") || word.startsWith("--class-path")
                || word.equals("-m") || word.equals("--module") || word.startsWith("--module=")) {
            throw new IllegalArgumentException("java options may not set what runs (" + shown(word)
                    + "): deployer starts the release's jar with -jar itself");
        }
    }

    private static String shown(String word) {
        return "'" + (word.length() > 60 ? word.substring(0, 60) + "…" : word) + "'";
    }
}
