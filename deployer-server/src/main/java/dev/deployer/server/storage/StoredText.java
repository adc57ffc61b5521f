package dev.deployer.server.storage;

/**
 * Text cut to fit the column it is stored in, so that a long reason can never turn into an SQL
 * error (which would skip whatever was meant to follow the write). The cut is visible.
 */
public final class StoredText {
    private StoredText() {}

    /** {@code text} when it fits in {@code max} characters; else its head and {@code … (N more characters)}. */
    public static String fit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        for (int keep = max; keep > 0; keep--) {
            String mark = "… (" + (text.length() - keep) + " more characters)";
            if (keep + mark.length() <= max) {
                int end = Character.isHighSurrogate(text.charAt(keep - 1)) ? keep - 1 : keep;
                return text.substring(0, end) + "… (" + (text.length() - end) + " more characters)";
            }
        }
        return text.substring(0, max);
    }

    /** The last {@code max} characters of {@code text}, marked at the front when something was dropped. */
    public static String tail(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        for (int keep = max; keep > 0; keep--) {
            String mark = "(" + (text.length() - keep) + " earlier characters) …";
            if (keep + mark.length() <= max) {
                int start = text.length() - keep;
                if (Character.isLowSurrogate(text.charAt(start))) {
                    start++;
                }
                return "(" + start + " earlier characters) …" + text.substring(start);
            }
        }
        return text.substring(text.length() - max);
    }
}
