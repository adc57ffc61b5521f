package dev.deployer.server.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.api.LogLine;
import dev.deployer.server.http.SseStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * Writes a {@link LogFollow} as Server-Sent Events ({@code line} and {@code notice}, data a
 * {@link LogLine}) until the client goes away. A chunked response, because Jersey holds back a
 * plain streamed one until 8 KiB have gathered: a quiet log would show nothing, heartbeats
 * included. A heartbeat after a second of quiet is what notices a client that left without a word
 * (the first write after it left only draws the reset, the second fails: two seconds at most);
 * then the follow is closed and, if it was the last client of a host's feed, that journalctl ends.
 */
public final class LogEventStream {
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final int MAX_BATCH = 1000;

    private final LogService logs;
    private final ObjectMapper json;
    private final Executor writers;

    public LogEventStream(LogService logs, ObjectMapper json) {
        this.logs = logs;
        this.json = json;
        this.writers = logs.workers();
    }

    /** The response entity; following starts on a thread of its own once it is returned, so no request thread waits on a host. */
    public ChunkedOutput<byte[]> open(String app, List<String> hosts, LogQuery query) {
        ChunkedOutput<byte[]> output = new ChunkedOutput<>(byte[].class);
        writers.execute(() -> write(output, app, hosts, query));
        return output;
    }

    private void write(ChunkedOutput<byte[]> output, String app, List<String> hosts, LogQuery query) {
        ChunkSink sink = new ChunkSink(output);
        SseStream sse = new SseStream(sink, json);
        try {
            sse.heartbeat(); // the client sees the stream open before the backlog is read
            sink.push();
            try (LogFollow follow = logs.follow(app, hosts, query)) {
                for (LogLine line : follow.backlog()) {
                    sse.send(line.kind(), line);
                }
                sink.push();
                while (!Thread.currentThread().isInterrupted()) {
                    LogLine line = follow.next(HEARTBEAT);
                    if (line == null) {
                        sse.heartbeat();
                    }
                    // Whatever else is already waiting goes out in the same chunk: bursts cost one write, not thousands.
                    for (int sent = 1; line != null; sent++) {
                        sse.send(line.kind(), line);
                        line = sent < MAX_BATCH ? follow.next(Duration.ZERO) : null;
                    }
                    sink.push();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientLeft) {
            // nothing to tell anyone: closing the follow above ended its journalctl processes
        } finally {
            sink.close();
        }
    }
}
