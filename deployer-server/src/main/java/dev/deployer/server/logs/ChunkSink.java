package dev.deployer.server.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * An OutputStream over a chunked response. Writes gather until {@link #push()} sends them as one
 * chunk: a burst of lines costs one network write, not one per line. {@code flush()} only checks
 * that the client is still there, since the SSE writer flushes after every event.
 */
final class ChunkSink extends OutputStream {
    private final ChunkedOutput<byte[]> output;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    ChunkSink(ChunkedOutput<byte[]> output) {
        this.output = output;
    }

    @Override
    public void write(int b) {
        pending.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
    }

    /** Fails once the client is gone: that is how a follower learns to stop. */
    @Override
    public void flush() throws IOException {
        if (output.isClosed()) {
            throw new IOException("the client closed the stream");
        }
    }

    /** Sends what was written since the last push, now. */
    void push() throws IOException {
        flush();
        if (pending.size() > 0) {
            byte[] chunk = pending.toByteArray();
            pending.reset();
            output.write(chunk);
        }
        flush();
    }

    @Override
    public void close() {
        try {
            output.close();
        } catch (IOException ignored) {
            // the client is gone already
        }
    }
}
