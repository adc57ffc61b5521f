package dev.deployer.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.api.ApiError;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Bounds the event streams (deployment events, followed logs) open at once: {@code max} in all and
 * {@code maxPerToken} per API token; one more is answered 429 before it starts. A servlet filter
 * rather than code in each resource, because only the container knows for sure when a streamed
 * answer is over: a plain one when the request returns, a chunked one (logs) when its async
 * context completes, whichever way it ends (closed, client gone, error, server stopping).
 * Tokens are told apart by a hash of their Authorization header; a request without one is left
 * to the authentication that answers it 401.
 */
public final class StreamLimit implements Filter {
    private final int max;
    private final int maxPerToken;
    private final Predicate<HttpServletRequest> isStream;
    private final ObjectMapper json;
    private final Map<String, Integer> perToken = new HashMap<>();
    private int open;

    public StreamLimit(int max, int maxPerToken, Predicate<HttpServletRequest> isStream, ObjectMapper json) {
        this.max = max;
        this.maxPerToken = maxPerToken;
        this.isStream = isStream;
        this.json = json;
    }

    /**
     * The deployer API's streams: {@code GET /api/deployments/ID/events}, {@code GET /api/apps/APP/logs?follow=true}
     * and the one-off runs, {@code POST /api/apps/APP/run}.
     */
    public static boolean apiStream(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "GET".equals(request.getMethod()) && (path.matches("/api/deployments/[^/]+/events/?")
                || path.matches("/api/apps/[^/]+/logs/?") && "true".equals(request.getParameter("follow")))
                || "POST".equals(request.getMethod()) && path.matches("/api/apps/[^/]+/run/?");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !isStream.test(request)) {
            chain.doFilter(req, res);
            return;
        }
        String token = hash(authorization);
        String refusal = tryOpen(token);
        if (refusal != null) {
            refuse((HttpServletResponse) res, refusal);
            return;
        }
        boolean releasedLater = false;
        try {
            chain.doFilter(req, res);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Release(token));
                releasedLater = true;
            }
        } catch (IllegalStateException alreadyComplete) {
            // the async answer ended before we could listen: released below
        } finally {
            if (!releasedLater) {
                close(token);
            }
        }
    }

    /** Null when a stream may open (and is counted), else why not. */
    synchronized String tryOpen(String token) {
        if (open >= max) {
            return "the server already has " + max + " open event streams, the most it allows: close one, "
                    + "or try again later";
        }
        int mine = perToken.getOrDefault(token, 0);
        if (mine >= maxPerToken) {
            return "this API token already has " + maxPerToken + " open event streams, the most one token may "
                    + "hold: close one first";
        }
        open++;
        perToken.put(token, mine + 1);
        return null;
    }

    synchronized void close(String token) {
        open--;
        perToken.computeIfPresent(token, (t, n) -> n == 1 ? null : n - 1);
    }

    synchronized int open() {
        return open;
    }

    private void refuse(HttpServletResponse response, String message) throws IOException {
        response.setStatus(429);
        response.setContentType("application/json");
        response.setHeader("Retry-After", "10");
        response.getOutputStream().write(json.writeValueAsBytes(new ApiError(429, message)));
    }

    private static String hash(String authorization) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(authorization.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives the slot back exactly once, however the async answer ends. */
    private final class Release implements AsyncListener {
        private final String token;
        private boolean done;

        Release(String token) {
            this.token = token;
        }

        private synchronized void release() {
            if (!done) {
                done = true;
                close(token);
            }
        }

        @Override public void onComplete(AsyncEvent event) { release(); }
        @Override public void onTimeout(AsyncEvent event) { release(); }
        @Override public void onError(AsyncEvent event) { release(); }
        @Override public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // listeners are dropped on a new startAsync
        }
    }
}
