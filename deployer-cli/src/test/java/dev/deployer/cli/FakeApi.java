package dev.deployer.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in server on loopback: records each request and answers with one canned status and body, or with the
 * answer given for that exact path (an event stream, say).
 */
final class FakeApi implements AutoCloseable {
    record Request(String method, String pathAndQuery, String body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile int status = 200;
    private volatile String body = "{}";
    private final Map<String, Canned> byPath = new java.util.concurrent.ConcurrentHashMap<>();

    private record Canned(int status, String contentType, String body) {}

    FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Canned canned = byPath.getOrDefault(exchange.getRequestURI().getRawPath(),
                    new Canned(status, "application/json", body));
            byte[] answer = canned.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", canned.contentType());
            exchange.sendResponseHeaders(canned.status(), canned.status() == 204 ? -1 : answer.length);
            if (canned.status() != 204) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    FakeApi answer(int newStatus, String newBody) {
        status = newStatus;
        body = newBody;
        return this;
    }

    /** Answers requests for exactly {@code path} (no query) with this, whatever {@link #answer(int, String)} says. */
    FakeApi answer(String path, int newStatus, String contentType, String newBody) {
        byPath.put(path, new Canned(newStatus, contentType, newBody));
        return this;
    }

    /** Runs one command line against this server; returns exit code, stdout and stderr. */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DeployerCli.Environment environment = new DeployerCli.Environment(Map.of(
                "DEPLOYER_URL", "http://127.0.0.1:" + server.getAddress().getPort(), "DEPLOYER_TOKEN", "t"),
                Path.of("/nonexistent/config.json"));
        int code = DeployerCli.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {}

    @Override
    public void close() {
        server.stop(0);
    }
}
