package dev.deployer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a loopback stand-in server: what goes on the wire and what comes back. */
class DeployerClientTest {
    private HttpServer server;
    private final Map<String, List<String>> headers = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheTokenAsBearerAndReadsTheTypedAnswer() {
        answer("/api/version", 200, "application/json", "{\"name\":\"deployer\",\"version\":\"1.2.3\"}");
        assertThat(client("dpl_t").version()).isEqualTo(new Version("deployer", "1.2.3"));
        assertThat(headers.get("Authorization")).containsExactly("Bearer dpl_t");
        assertThat(headers.get("Accept")).containsExactly("application/json");
    }

    @Test
    void noTokenSendsNoAuthorizationHeader() {
        answer("/api/version", 200, "application/json", "{}");
        client(" ").version();
        assertThat(headers).doesNotContainKey("Authorization");
    }

    @Test
    void anErrorAnswerBecomesAnApiExceptionWithTheServersSentence() {
        answer("/api/apps/shop", 404, "application/json", "{\"code\":404,\"message\":\"no app named 'shop'\"}");
        assertThatThrownBy(() -> client("t").app("shop")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(404)).hasMessage("no app named 'shop'");
    }

    @Test
    void anEventStreamThatAnswersWithAnErrorThrowsItAsAnApiException() {
        answer("/api/deployments/9/events", 403, "application/json", "{\"code\":403,\"message\":\"viewers cannot\"}");
        assertThatThrownBy(() -> client("t").events("api/deployments/9/events", e -> true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403)).hasMessage("viewers cannot");
    }

    @Test
    void followHandsOnEachEventAndReturnsTheEndState() {
        answer("/api/deployments/9/events", 200, "text/event-stream", ": keep-alive\n\n"
                + "event: step\ndata: {\"id\":1,\"deployment\":9,\"step\":\"build\",\"outcome\":\"ok\"}\n\n"
                + ": keep-alive\n\n"
                + "event: end\ndata: {\"id\":9,\"status\":\"succeeded\"}\n\n");
        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentInfo end = client("t").follow(9, events::add);
        assertThat(events).extracting(DeploymentEvent::step).containsExactly("build");
        assertThat(end.id()).isEqualTo(9);
        assertThat(end.status()).isEqualTo("succeeded");
        assertThat(headers.get("Accept")).contains("text/event-stream");
    }

    @Test
    void deploymentOutputIsPlainText() {
        answer("/api/deployments/9/output", 200, "text/plain", "[INFO] BUILD SUCCESS\n");
        assertThat(client("t").deploymentOutput(9)).isEqualTo("[INFO] BUILD SUCCESS\n");
        assertThat(headers.get("Accept")).containsExactly("text/plain");
    }

    @Test
    void aServerThatIsNotThereIsCodeZero() {
        server.stop(0);
        DeployerClient client = new DeployerClient("http://127.0.0.1:" + server.getAddress().getPort(), "t");
        assertThatThrownBy(client::apps).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isZero())
                .hasMessageStartingWith("cannot reach the deployer server at http://127.0.0.1:");
    }

    private void answer(String path, int status, String type, String body) {
        server.createContext(path, exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private DeployerClient client(String token) {
        return new DeployerClient("http://127.0.0.1:" + server.getAddress().getPort(), token);
    }
}
