package dev.deployer.server.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A follower over a plain socket: HTTP/1.1, chunked, Server-Sent Events read by hand, so a test decides exactly
 * when the connection closes ({@link #close()} is the client going away, as a closed browser tab would).
 */
final class RawLogStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Throwable failure;

    private RawLogStream(int port, String token, String pathAndQuery) throws IOException {
        socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reader = new Thread(this::read, "raw-log-stream");
        reader.setDaemon(true);
        reader.start();
    }

    static RawLogStream open(int port, String token, String pathAndQuery) throws IOException {
        return new RawLogStream(port, token, pathAndQuery);
    }

    /** The messages of the lines and notices received so far, in order. */
    List<String> messages() {
        return messages;
    }

    Throwable failure() {
        return failure;
    }

    private void read() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            String status = line(in);
            if (status == null || !status.contains(" 200 ")) {
                throw new IOException("answer: " + status);
            }
            boolean chunked = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                chunked |= header.toLowerCase().startsWith("transfer-encoding:") && header.toLowerCase().contains("chunked");
            }
            if (!chunked) {
                throw new IOException("the log stream is not chunked");
            }
            StringBuilder events = new StringBuilder();
            for (String size = line(in); size != null; size = line(in)) {
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    return;
                }
                events.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                line(in); // the CRLF after the chunk
                int end;
                while ((end = events.indexOf("\n\n")) >= 0) {
                    event(events.substring(0, end));
                    events.delete(0, end + 2);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!socket.isClosed()) {
                failure = e;
            }
        }
    }

    private void event(String event) throws IOException {
        for (String field : event.split("\n")) {
            if (field.startsWith("data:")) {
                JsonNode data = JSON.readTree(field.substring(5));
                messages.add(data.path("message").asText());
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.US_ASCII);
    }

    /** Closes the connection: the server learns of it only when a write fails. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
