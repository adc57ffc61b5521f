package dev.deployer.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.deployer.server.secrets.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real HTTP client against receivers on loopback: a body posted as JSON, a receiver that never answers cut off in time. */
class HttpWebhookSenderTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsTheBodyAsJsonAndAnswersTheStatus() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        AtomicReference<String> type = new AtomicReference<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            type.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();

        int status = new HttpWebhookSender(Duration.ofSeconds(2)).post(
                Secret.of("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=x"), "{\"app\":\"shop\"}");

        assertThat(status).isEqualTo(202);
        assertThat(received.get()).isEqualTo("{\"app\":\"shop\"}");
        assertThat(type.get()).isEqualTo("application/json");
    }

    @Test
    void aReceiverThatNeverAnswersIsCutOffWithinTwiceTheTimeout() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        HttpWebhookSender sender = new HttpWebhookSender(Duration.ofMillis(300));

        long start = System.nanoTime();
        assertThatThrownBy(() -> sender.post(Secret.of("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"), "{}"))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aPortWithNobodyListeningFailsAtOnce() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> new HttpWebhookSender(Duration.ofSeconds(2)).post(Secret.of("http://127.0.0.1:" + port + "/"), "{}"))
                .isInstanceOf(java.net.ConnectException.class);
    }
}
