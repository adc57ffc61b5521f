package dev.deployer.server.notify;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Which moments of a deployment a webhook is told of; stored comma-separated, in this order. */
public final class WebhookEvents {
    public static final List<String> ALL = List.of("started", "succeeded", "failed");

    private WebhookEvents() {}

    /** Null or empty: all of them. An unknown word is refused with the list of known ones. */
    public static List<String> accept(List<String> events) {
        if (events == null || events.isEmpty()) {
            return ALL;
        }
        Set<String> asked = new TreeSet<>();
        for (String event : events) {
            String word = event == null ? "" : event.trim().toLowerCase(Locale.ROOT);
            if (!ALL.contains(word)) {
                throw new IllegalArgumentException("unknown webhook event '" + event + "': use any of "
                        + String.join(", ", ALL));
            }
            asked.add(word);
        }
        return ALL.stream().filter(asked::contains).toList();
    }

    static String stored(List<String> events) {
        return String.join(",", events);
    }

    static List<String> parse(String stored) {
        return stored == null || stored.isBlank() ? ALL : List.of(stored.split(","));
    }
}
