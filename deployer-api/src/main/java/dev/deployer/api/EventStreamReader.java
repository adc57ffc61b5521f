package dev.deployer.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Parses a Server-Sent Events stream: {@code event:} and {@code data:} lines, an empty line ends an
 * event. Comments (the server's {@code : keep-alive} heartbeats), {@code id:} and {@code retry:} are
 * skipped, an event without data is not handed on, and an event cut off by the end of the stream is dropped.
 */
final class EventStreamReader {
    private EventStreamReader() {}

    /** Hands each event to {@code handler} until it returns false or the stream ends. */
    static void read(BufferedReader reader, Predicate<ServerSentEvent> handler) throws IOException {
        String event = "message";
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0 && !handler.test(new ServerSentEvent(event, data.toString()))) {
                    return;
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
    }
}
