package dev.deployer.server.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream to its end keeping a bounded amount: a chatty command cannot exhaust the server's memory. */
final class CappedRead {
    private CappedRead() {}

    /** The first {@code max} bytes; the rest is read and dropped. */
    static byte[] head(InputStream in, int max) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            int room = max - kept.size();
            if (room > 0) {
                kept.write(buffer, 0, Math.min(room, n));
            }
        }
        return kept.toByteArray();
    }

    /** The last {@code max} bytes: for stderr, where the end says what went wrong. */
    static byte[] tail(InputStream in, int max) throws IOException {
        byte[] ring = new byte[max];
        long total = 0;
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            for (int i = 0; i < n; i++) {
                ring[(int) (total++ % max)] = buffer[i];
            }
        }
        if (total <= max) {
            return java.util.Arrays.copyOf(ring, (int) total);
        }
        byte[] ordered = new byte[max];
        int start = (int) (total % max);
        System.arraycopy(ring, start, ordered, 0, max - start);
        System.arraycopy(ring, 0, ordered, max - start, start);
        return ordered;
    }
}
