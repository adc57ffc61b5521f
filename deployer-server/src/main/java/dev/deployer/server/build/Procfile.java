package dev.deployer.server.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An app's process types, from the {@code Procfile} at its repository's root (Heroku's format, {@code type: command}
 * a line; blank lines and {@code #} comments ignored). Read at build time and stored with the release, in
 * {@link #text()}'s normalized form, so a release runs what its commit said. Each command is split into words here,
 * like the build command ({@link CommandWords}: no shell), and any bad line is refused with its number.
 */
public record Procfile(List<Process> processes) {
    /** The type behind the health check and the proxy. */
    public static final String WEB = "web";
    /** Run once per new release before anything switches; never a unit of its own. */
    public static final String RELEASE = "release";
    public static final int MAX_TYPES = 16;
    public static final int MAX_LINE_CHARS = 2048;
    /** The most of the file read at all: more than {@link #MAX_TYPES} full lines plus comments. */
    public static final int MAX_FILE_BYTES = 64 * 1024;
    /** A type becomes part of a unit name ({@code deployer-APP-TYPE@N.service}: no '-' in it, so the app's name ends at the last one) and a journal filter. */
    public static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_]{0,29}$");

    /** One process type: its name, its command as written, and that command's words. */
    public record Process(String type, String command, List<String> words) {
        public Process {
            words = List.copyOf(words);
        }
    }

    public Procfile {
        processes = List.copyOf(processes);
    }

    /** The process types of {@code text}; throws IllegalArgumentException naming the first bad line. */
    public static Procfile parse(String text) {
        Map<String, Process> types = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String where = "Procfile line " + (i + 1) + ": ";
            if (line.length() > MAX_LINE_CHARS) {
                throw new IllegalArgumentException(where + "longer than " + MAX_LINE_CHARS + " characters");
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            for (char c : line.toCharArray()) {
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new IllegalArgumentException(where + "holds a control character (code " + (int) c + ")");
                }
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + "is not 'type: command'");
            }
            String type = trimmed.substring(0, colon).strip();
            String command = trimmed.substring(colon + 1).strip();
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException(where + "process type '" + cut(type) + "' must be 1-30 of a-z, 0-9 and '_', "
                        + "starting with a letter");
            }
            if (types.containsKey(type)) {
                throw new IllegalArgumentException(where + "process type '" + type + "' is defined twice");
            }
            if (types.size() == MAX_TYPES) {
                throw new IllegalArgumentException(where + "more than " + MAX_TYPES + " process types");
            }
            List<String> words;
            try {
                words = CommandWords.split(command);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "the command of '" + type + "' "
                        + (command.isEmpty() ? "is empty" : "has an unclosed quote"));
            }
            types.put(type, new Process(type, command, words));
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("Procfile: no process types in it (remove it to run the default web process)");
        }
        return new Procfile(new ArrayList<>(types.values()));
    }

    /** What a release stores: one {@code type: command} line each, in the file's order; {@link #parse} reads it back. */
    public String text() {
        StringBuilder text = new StringBuilder();
        processes.forEach(p -> text.append(p.type()).append(": ").append(p.command()).append('\n'));
        return text.toString();
    }

    public Optional<Process> type(String type) {
        return processes.stream().filter(p -> p.type().equals(type)).findFirst();
    }

    public Optional<Process> web() {
        return type(WEB);
    }

    public Optional<Process> release() {
        return type(RELEASE);
    }

    /** The types that run as units of their own on every host: all but {@code web} and {@code release}. */
    public List<Process> others() {
        return processes.stream().filter(p -> !p.type().equals(WEB) && !p.type().equals(RELEASE)).toList();
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
