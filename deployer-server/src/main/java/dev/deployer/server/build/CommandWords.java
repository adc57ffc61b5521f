package dev.deployer.server.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a configured build command into the words of an argument list. No shell runs it, so
 * only quoting is understood: 'single quotes' keep everything, "double quotes" allow \" and \\,
 * a backslash outside quotes escapes the next character. Variables, globs, pipes and {@code &&}
 * mean nothing here; a command that needs them names its shell: {@code sh -c "..."}.
 */
public final class CommandWords {
    private CommandWords() {}

    /** The words of {@code command}; throws IllegalArgumentException for an empty command or an open quote. */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') { quote = 0; } else { word.append(c); }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < command.length() && "\"\\".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the build command has an unclosed " + quote + " quote: " + command);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the build command is empty");
        }
        return List.copyOf(words);
    }
}
