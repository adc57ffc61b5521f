package dev.deployer.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Every request body Jersey reads (the JSON API and {@code /hooks/APP}) is at most {@code maxBytes}:
 * a declared Content-Length above it is refused with 413 before a byte is read, and a chunked or
 * gzip-encoded body (Jetty inflates those before we see them) is cut off with 413 as soon as the
 * count passes the limit, so a small gzip bomb never turns into gigabytes in memory.
 * The git endpoint is a servlet of its own and has its own per-app pack limit.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestBodyLimit implements ContainerRequestFilter {
    private final long maxBytes;

    public RequestBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && !declared.isBlank()) {
            try {
                if (Long.parseLong(declared.trim()) > maxBytes) {
                    throw tooLarge(maxBytes);
                }
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("Content-Length must be a number of bytes");
            }
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }

    static ApiProblem tooLarge(long maxBytes) {
        return new ApiProblem(413, "the request body is larger than " + describe(maxBytes)
                + ": send less (DEPLOYER_MAX_REQUEST_KIB sets the limit)");
    }

    static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    /** Counts what is read and fails the read that would pass the limit; the rest is never pulled in. */
    static final class Bounded extends FilterInputStream {
        private static final long DISCARD = 8L * 1024 * 1024;
        private final long maxBytes;
        private long count;

        Bounded(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never ask for more than one byte past the limit: that byte is enough to know.
            int n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, maxBytes - count + 1)));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, Math.max(1, maxBytes - count + 1)));
            counted(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void counted(long n) throws IOException {
            count += n;
            if (count > maxBytes) {
                discardSome();
                throw tooLarge(maxBytes);
            }
        }

        /**
         * Reads (to nowhere) up to {@link #DISCARD} more bytes of a body that turned out too large: a client still
         * sending when the 413 comes would otherwise see a reset connection instead of the answer.
         */
        private void discardSome() throws IOException {
            byte[] sink = new byte[8192];
            for (long left = DISCARD; left > 0; ) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        }
    }
}
