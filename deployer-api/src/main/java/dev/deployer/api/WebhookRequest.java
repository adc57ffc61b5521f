package dev.deployer.api;

import java.util.List;

/**
 * Adds a notification webhook to an app. {@code format}: {@code json} (default) or {@code slack};
 * {@code events}: a subset of {@code started}, {@code succeeded}, {@code failed} (default: all).
 * The URL is write-only: {@link #toString()} never shows it.
 */
public record WebhookRequest(String url, String format, List<String> events) {
    @Override
    public String toString() {
        return "WebhookRequest[url=[REDACTED], format=" + format + ", events=" + events + "]";
    }
}
