package dev.deployer.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes Server-Sent Events, flushing each one so it reaches the client at once. */
public final class SseStream {
    private final OutputStream out;
    private final ObjectMapper json;

    public SseStream(OutputStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    public void send(String event, Object data) throws IOException {
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        out.write(("event: " + event + "\ndata: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A comment line: keeps proxies from closing an idle stream, and finds clients that left. */
    public void heartbeat() throws IOException {
        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
