package dev.deployer.server.testing;

import dev.deployer.api.DeployerClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server: the shaded jar started as its own process with a temp data dir and free
 * ports, its console output captured to a file. What integration tests and log checks use.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path dataDir;
    private final Path output;
    private final int port;
    private final int adminPort;

    private ServerProcess(Process process, Path dataDir, Path output, int port, int adminPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.output = output;
        this.port = port;
        this.adminPort = adminPort;
    }

    /** Starts on a fresh data dir and waits until the API answers. */
    public static ServerProcess start(Map<String, String> extraEnv) throws IOException {
        return start(Files.createTempDirectory("deployer-data-"), extraEnv);
    }

    public static ServerProcess start(Path dataDir, Map<String, String> extraEnv) throws IOException {
        ServerProcess server = launch(dataDir, extraEnv, List.of("server"));
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    /** Starts without waiting: for tests of a start that must fail. */
    public static ServerProcess launch(Path dataDir, Map<String, String> extraEnv, List<String> args) throws IOException {
        // Both sockets open at once, so the two ports differ; the server binds them a moment later.
        int port;
        int adminPort;
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            port = first.getLocalPort();
            adminPort = second.getLocalPort();
        }
        Path output = Files.createTempFile("deployer-server-", ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        // By hand, e.g. a benchmark under a profiler: -Dserver.jvmArgs=-XX:StartFlightRecording=filename=/tmp/server.jfr
        String jvmArgs = System.getProperty("server.jvmArgs", "").strip();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", serverJar()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("DEPLOYER_"));
        env.put("DEPLOYER_DATA_DIR", dataDir.toString());
        env.put("DEPLOYER_PORT", String.valueOf(port));
        env.put("DEPLOYER_ADMIN_PORT", String.valueOf(adminPort));
        // The sample repositories are local (file://); a test of the refusal sets it to false.
        env.put("DEPLOYER_ALLOW_LOCAL_REPOS", "true");
        env.putAll(new HashMap<>(extraEnv));
        return new ServerProcess(builder.start(), dataDir, output, port, adminPort);
    }

    public static String serverJar() {
        String jar = System.getProperty("deployer.server.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the shaded server jar is missing (" + jar + "): run the ITs through `mvn verify`");
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "api/version")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 401 || response.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("the server did not answer within " + timeout + ":\n" + output());
    }

    /** Waits for the process to end by itself: for starts that must fail. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the server did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public int port() { return port; }
    public int adminPort() { return adminPort; }
    public Path dataDir() { return dataDir; }
    public long pid() { return process.pid(); }

    public String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin-token"), StandardCharsets.UTF_8).trim();
    }

    public DeployerClient adminClient() throws IOException {
        return new DeployerClient(url(), adminToken());
    }

    public DeployerClient client(String token) {
        return new DeployerClient(url(), token);
    }

    /** Everything the server printed so far: its log and console. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: for crash tests. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
