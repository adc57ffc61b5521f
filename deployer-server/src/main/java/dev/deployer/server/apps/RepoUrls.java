package dev.deployer.server.apps;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which repo URLs the server fetches from, and how one is shown. A URL may carry credentials
 * ({@code https://user:TOKEN@host/repo.git}): the stored URL is what fetching uses; everything
 * that leaves the server (API answers, events, log lines, error messages) gets {@link #masked}.
 */
public final class RepoUrls {
    public static final String ALLOW_LOCAL_SETTING = "DEPLOYER_ALLOW_LOCAL_REPOS";
    private static final Set<String> REMOTE = Set.of("https", "http", "git");
    private static final Set<String> SSH = Set.of("ssh", "git+ssh", "ssh+git");
    private static final Pattern WITH_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/]*)(.*)$");
    /** scp-like {@code [user@]host:path}, which git reads as SSH; a '/' before the ':' makes it a local path. */
    private static final Pattern SCP_LIKE = Pattern.compile("^([^@/:]+@)?[^/:]+:.*$");
    private static final Pattern USER_AND_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^\\s/@:]*):([^\\s/]*)@");
    /** Over HTTP a lone user name is usually a token ({@code https://TOKEN@github.com/...}). */
    private static final Pattern HTTP_USER_ONLY = Pattern.compile("((?i:https?)://)([^\\s/@:]+)@");

    private RepoUrls() {}

    /**
     * Returns {@code url} when the server may fetch from it: https, http and git URLs always; local
     * paths and {@code file://} only with {@code allowLocal}. SSH URLs are refused: the server has
     * no SSH transport for git (its SSH key is for hosts), and a fetch that can only fail later
     * is worse than a clear no now.
     */
    public static String check(String url, boolean allowLocal) {
        Matcher withScheme = WITH_SCHEME.matcher(url);
        if (withScheme.matches()) {
            String scheme = withScheme.group(1).toLowerCase(Locale.ROOT);
            if (REMOTE.contains(scheme)) {
                if (withScheme.group(2).isEmpty() || withScheme.group(2).endsWith("@")) {
                    throw new IllegalArgumentException("repo URL has no host: give one such as https://git.example.com/team/app.git");
                }
                return url;
            }
            if (SSH.contains(scheme)) {
                throw sshRefused();
            }
            if (scheme.equals("file")) {
                return local(url, allowLocal);
            }
            throw new IllegalArgumentException("repo URL must start with https://, http:// or git:// (got a "
                    + (scheme.length() > 20 ? "different" : scheme + "://") + " URL)");
        }
        if (SCP_LIKE.matcher(url).matches()) {
            throw sshRefused();
        }
        return local(url, allowLocal);
    }

    private static String local(String url, boolean allowLocal) {
        if (!allowLocal) {
            throw new IllegalArgumentException("repo URL must be a remote URL such as https://git.example.com/team/app.git: "
                    + "local paths and file:// URLs are refused unless the server runs with " + ALLOW_LOCAL_SETTING + "=true");
        }
        return url;
    }

    private static IllegalArgumentException sshRefused() {
        return new IllegalArgumentException("repo URL uses SSH, which deployer does not fetch over: use the https:// URL "
                + "of the repository (for a private one with a token: https://USER:TOKEN@host/team/app.git), or git push");
    }

    /** The URL as shown: a password becomes {@code ***}, and so does a lone user name over HTTP(S), which is usually a token. */
    public static String masked(String url) {
        return url == null ? null : maskedIn(url);
    }

    /**
     * {@code text} (an error message about fetching {@code url}) with the credentials of {@code url}
     * masked wherever they appear, also as a library decoded them (%40 becomes @), and every URL in it masked.
     */
    public static String maskedIn(String text, String url) {
        if (text == null || url == null) {
            return maskedIn(text);
        }
        String shown = text;
        Matcher withScheme = WITH_SCHEME.matcher(url);
        if (withScheme.matches() && withScheme.group(2).contains("@")) {
            String userInfo = withScheme.group(2).substring(0, withScheme.group(2).lastIndexOf('@'));
            String secret = userInfo.contains(":") ? userInfo.substring(userInfo.indexOf(':') + 1)
                    : withScheme.group(1).toLowerCase(Locale.ROOT).startsWith("http") ? userInfo : "";
            // Shorter ones would blank out ordinary words; the patterns below still mask them inside URLs.
            if (secret.length() >= 3) {
                shown = shown.replace(secret, "***").replace(decoded(secret), "***");
            }
        }
        return maskedIn(shown);
    }

    private static String decoded(String secret) {
        try {
            return java.net.URLDecoder.decode(secret.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return secret;
        }
    }

    /** {@code text} (an error message, a log line) with the credentials of every URL in it masked. */
    public static String maskedIn(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_AND_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + ":***@"));
        return HTTP_USER_ONLY.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@"));
    }
}
