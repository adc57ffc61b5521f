package dev.deployer.api;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one validator per identifier, called at every edge (HTTP, CLI, git endpoint). An app name
 * becomes a system user, a unit name and a path on hosts, so this check is a security boundary:
 * bad input is rejected with a message saying what is allowed, never cleaned.
 */
public final class Names {
    private static final Pattern APP = Pattern.compile("^[a-z][a-z0-9-]{0,29}$");
    private static final Pattern REF = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$");
    private static final Pattern CONFIG_KEY = Pattern.compile("^[A-Z_][A-Z0-9_]*$");
    private static final int CONFIG_KEY_MAX = 255;
    /** An app runs as the system user of its name: these accounts own the system or are shared, so never an app's. */
    private static final Set<String> RESERVED_APP_NAMES = Set.of("root", "daemon", "bin", "sys", "nobody");

    private Names() {}

    /** Returns {@code name} when it is a valid app name; throws {@link IllegalArgumentException} saying why not. */
    public static String appName(String name) {
        if (name == null || !APP.matcher(name).matches()) {
            throw new IllegalArgumentException("app name " + quoted(name) + " is not valid: use 1-30 lowercase letters, "
                    + "digits and '-', starting with a letter");
        }
        if (RESERVED_APP_NAMES.contains(name)) {
            throw new IllegalArgumentException("app name '" + name + "' is reserved: an app runs as the system user "
                    + "of its name, and that account belongs to the system");
        }
        return name;
    }

    /** Returns {@code key} when it is a valid config var name; throws {@link IllegalArgumentException} saying why not. */
    public static String configKey(String key) {
        if (key == null || key.length() > CONFIG_KEY_MAX || !CONFIG_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("config key " + quoted(key) + " is not valid: use up to " + CONFIG_KEY_MAX
                    + " uppercase letters, digits and '_', not starting with a digit");
        }
        return key;
    }

    /** Echoes the rejected input, shortened and with control characters shown as '?', so a message stays one line. */
    private static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + shown.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "'";
    }

    /**
     * A git ref to build: a branch, tag or commit id. Stricter than git itself (no {@code ..},
     * {@code @}, {@code ~}, {@code ^}, {@code :} or spaces), so a ref never reads as an option or a revision expression.
     */
    public static String ref(String ref) {
        if (ref == null || !REF.matcher(ref).matches() || ref.contains("..") || ref.endsWith("/") || ref.endsWith(".lock")) {
            throw new IllegalArgumentException("ref must be a branch, tag or commit id of letters, digits, '.', '_', '/' and '-' "
                    + "(got '" + ref + "')");
        }
        return ref;
    }
}
