package dev.deployer.server.notify;

import dev.deployer.server.secrets.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a webhook URL enters the server: checked, then wrapped into a {@link Secret} (it may hold
 * a token in its path or query). Messages never repeat the URL; {@link #masked} is the only form
 * of it that listings, logs and audit entries show.
 */
public final class WebhookUrl {
    /** Generous for Slack's and Teams' URLs, small enough for its sealed column. */
    public static final int MAX_LENGTH = 2000;

    private WebhookUrl() {}

    /** A checked URL; {@link IllegalArgumentException} with a sentence for the user otherwise. */
    public static Secret accept(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("the webhook URL is missing: give an http:// or https:// URL");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the webhook URL is " + raw.length() + " characters; the limit is " + MAX_LENGTH);
        }
        if (raw.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("the webhook URL contains a space or control character: percent-encode it");
        }
        URI uri = parse(raw);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("a webhook URL must start with http:// or https://"
                    + (scheme.isEmpty() ? "" : " (got a " + scheme + ": URL)"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the webhook URL names no host: give it as https://HOST/PATH");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the webhook URL holds a user:password@ part, which deployer does not send: "
                    + "put the receiver's token in its path or query as the receiver documents");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the webhook URL has a #fragment, which is never sent: remove it");
        }
        return Secret.of(raw);
    }

    /** Scheme and host only, e.g. {@code https://hooks.slack.com/…}: nothing of the path, query or port. */
    public static String masked(Secret url) {
        URI uri = parse(url.reveal());
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + "/…";
    }

    /** The URI to post to; read only by the sender, the one place that needs the plain value. */
    static URI toUri(Secret url) {
        return parse(url.reveal());
    }

    private static URI parse(String raw) {
        try {
            return new URI(raw);
        } catch (URISyntaxException e) {
            // e.getMessage() quotes the input: say where it broke, never what it was.
            throw new IllegalArgumentException("the webhook URL is not a valid URL (" + e.getReason() + " at character "
                    + (e.getIndex() + 1) + "): percent-encode unusual characters");
        }
    }
}
