package dev.deployer.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a user of the app sees during a deploy: a steady stream of requests (a fixed rate per
 * URL, each on a fresh connection so a refused connect is seen as such), counting every answer
 * that is not a 200. Bounded: it runs until {@link #close()} and never longer than
 * {@link #MAX_RUN}.
 */
public final class RequestLoop implements AutoCloseable {
    public static final Duration MAX_RUN = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(8);
    private final Map<String, AtomicInteger> sent = new TreeMap<>();
    private final Map<String, AtomicInteger> failed = new TreeMap<>();
    private final Map<String, List<String>> bodies = new TreeMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final long started = System.nanoTime();

    private RequestLoop(List<String> urls, int perSecond) {
        long period = 1_000_000 / perSecond;
        for (String url : urls) {
            sent.put(url, new AtomicInteger());
            failed.put(url, new AtomicInteger());
            bodies.put(url, Collections.synchronizedList(new ArrayList<>()));
            timer.scheduleAtFixedRate(() -> request(url), 0, period, TimeUnit.MICROSECONDS);
        }
        timer.schedule(timer::shutdownNow, MAX_RUN.toSeconds(), TimeUnit.SECONDS);
    }

    /** {@code perSecond} GETs a second against each URL, starting now. */
    public static RequestLoop start(List<String> urls, int perSecond) {
        return new RequestLoop(urls, perSecond);
    }

    private void request(String url) {
        sent.get(url).incrementAndGet();
        String answer;
        try {
            answer = get(URI.create(url));
        } catch (IOException | RuntimeException e) {
            answer = "error " + e;
        }
        if (!answer.startsWith("HTTP/1.1 200") && !answer.startsWith("HTTP/1.0 200")) {
            failed.get(url).incrementAndGet();
            if (failures.size() < 20) {
                failures.add(String.format("%.1f s %s: %s", (System.nanoTime() - started) / 1e9, url,
                        answer.lines().findFirst().orElse("(empty answer)")));
            }
            return;
        }
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        List<String> seen = bodies.get(url);
        synchronized (seen) {
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(body)) {
                seen.add(body);
            }
        }
    }

    /** One GET on a connection of its own (HTTP/1.0: the server closes it), so every request connects anew. */
    private static String get(URI url) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + url.getRawPath() + " HTTP/1.0\r\nHost: " + url.getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0 && answer.size() < 1 << 20; ) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    public int sent() {
        return sent.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int failed() {
        return failed.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The first failures, with when and what, for the assertion message. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Per URL, the bodies answered in order, each change once: how traffic moved from one release to the next. */
    public Map<String, List<String>> bodies() {
        Map<String, List<String>> copy = new TreeMap<>();
        bodies.forEach((url, seen) -> copy.put(url, List.copyOf(seen)));
        return copy;
    }

    /** Stops sending and waits for the answers still on their way. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        Thread.sleep(TIMEOUT.toMillis() + 500);
    }

    @Override
    public String toString() {
        return sent() + " requests, " + failed() + " failed" + (failures.isEmpty() ? "" : ": " + failures());
    }
}
