package dev.deployer.server.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on loopback for tests: answers 204, answers 500, or never answers; keeps what it got. */
final class Receiver implements AutoCloseable {
    enum Mode { OK, FAIL, HANG }

    record Received(String path, String body, Instant at) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Requests being held right now (HANG only). */
    final AtomicInteger hanging = new AtomicInteger();

    Receiver(Mode mode) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().toString(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), Instant.now()));
            try {
                if (mode == Mode.HANG) {
                    hanging.incrementAndGet();
                    try {
                        closing.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        hanging.decrementAndGet();
                    }
                } else {
                    exchange.sendResponseHeaders(mode == Mode.OK ? 204 : 500, -1);
                }
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> on(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
