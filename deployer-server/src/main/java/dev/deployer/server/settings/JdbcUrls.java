package dev.deployer.server.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL as it may be shown: a password inside it ({@code ?password=...}, {@code ;password=...}
 * or {@code //user:password@host}) becomes {@code ***}. The password setting itself is never shown.
 */
public final class JdbcUrls {
    private static final Pattern PASSWORD_PROPERTY = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*):[^/?;]*@");

    private JdbcUrls() {}

    public static String redacted(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PROPERTY.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***"));
        return USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":***@"));
    }
}
