package dev.deployer.examples.hello;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A tiny HTTP service for deployer's tests: health, a version greeting and env echo. */
public final class HelloService {
    // Tests change this constant in new commits to tell releases apart.
    static final String VERSION = "1";

    private HelloService() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", HelloService::handle);
        server.start();
        // On SIGTERM the JVM would exit with 143, which systemd counts as a failure unless told
        // otherwise; stop serving, then halt with 0 so a stop is a clean stop.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("hello-service " + VERSION + " stopping");
            server.stop(1);
            Runtime.getRuntime().halt(0);
        }));
        System.out.println("hello-service " + VERSION + " listening on port " + port);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        System.out.println(exchange.getRequestMethod() + " " + path);
        if (path.equals("/health")) {
            boolean failing = "true".equals(System.getenv("HELLO_FAIL_HEALTH"));
            respond(exchange, failing ? 500 : 200, failing ? "failing" : "ok");
        } else if (path.startsWith("/env/")) {
            String value = System.getenv(path.substring("/env/".length()));
            respond(exchange, value == null ? 404 : 200, value == null ? "not set" : value);
        } else if (path.equals("/")) {
            respond(exchange, 200, "hello from hello-service " + VERSION);
        } else {
            respond(exchange, 404, "not found");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
