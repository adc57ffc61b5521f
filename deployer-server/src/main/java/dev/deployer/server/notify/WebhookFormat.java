package dev.deployer.server.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The body a webhook gets: deployer's JSON, or Slack's incoming-webhook {@code {"text": ...}}. */
public enum WebhookFormat {
    JSON("json"),
    SLACK("slack");

    private final String value;

    WebhookFormat(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Null or blank: {@link #JSON}. */
    public static WebhookFormat from(String value) {
        if (value == null || value.isBlank()) {
            return JSON;
        }
        for (WebhookFormat format : values()) {
            if (format.value.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown webhook format '" + value + "': use one of "
                + Arrays.stream(values()).map(WebhookFormat::value).collect(Collectors.joining(", ")));
    }
}
