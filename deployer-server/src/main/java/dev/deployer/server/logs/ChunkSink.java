package dev.deployer.server.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.glassfish.jersey.server.ChunkedOutput;

/** An OutputStream over a chunked response: what is written between two flushes goes out as one chunk, at once. */
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
        if (pending.size() > 0) {
            byte[] chunk = pending.toByteArray();
            pending.reset();
            output.write(chunk);
        }
        if (output.isClosed()) {
            throw new IOException("the client closed the stream");
        }
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
