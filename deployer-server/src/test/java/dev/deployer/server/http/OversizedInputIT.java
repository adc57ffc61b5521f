package dev.deployer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.ServerProcess;
import dev.deployer.server.testing.ThrowawayPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fault test (h): a real server process fed what should never be read whole: oversized webhook and
 * JSON bodies (declared and chunked), a gzip bomb, a git push past the app's pack limit, and more
 * event streams than allowed. Each is refused, and the server answers normally afterwards.
 * No test hosts: the one host row the app needs is written straight into the server's PostgreSQL.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OversizedInputIT {
    private static final int MIB = 1024 * 1024;
    private static ServerProcess server;
    private static Jdbi db;
    private static DeployerClient admin;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        ThrowawayPostgres pg = ThrowawayPostgres.get();
        String url = pg.newDatabase("bounds" + UUID.randomUUID().toString().replace("-", ""));
        server = ServerProcess.start(Map.of("DEPLOYER_DATABASE_URL", url, "DEPLOYER_DATABASE_USER", pg.user(),
                "DEPLOYER_MAX_STREAMS", "10", "DEPLOYER_MAX_STREAMS_PER_TOKEN", "4"));
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(pg.user());
        db = Jdbi.create(ds);
        Rows.host(db, "web1");
        admin = server.adminClient();
        admin.createApp(AppRequest.create("small", List.of("web1")).withMaxPushMib(1));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aWebhookBodyOverOneMibIsRefusedWith413WhetherDeclaredOrChunked() throws Exception {
        byte[] body = new byte[MIB + 1];
        Result declared = curl("hooks/small", body, false);
        HttpResponse<String> chunked = send(post("hooks/small", chunked(body)));
        // just under the limit is read and judged by its signature
        HttpResponse<String> fits = send(post("hooks/small", HttpRequest.BodyPublishers.ofByteArray(new byte[MIB])));

        assertTooLarge(declared);
        assertTooLarge(chunked);
        assertThat(fits.statusCode()).as(fits.body()).isEqualTo(401);
        assertHealthy();
    }

    @Test
    void aJsonBodyOverOneMibIsRefusedWith413WhetherDeclaredOrChunked() throws Exception {
        byte[] json = ("{\"name\": \"" + "a".repeat(2 * MIB) + "\"}").getBytes(StandardCharsets.UTF_8);
        Result declared = curl("api/apps", json, true);
        HttpResponse<String> chunked = send(authorized(post("api/apps", chunked(json))));

        assertTooLarge(declared);
        assertTooLarge(chunked);
        assertHealthy();
    }

    @Test
    void aGzipBombIsCutOffAtTheLimitOfItsInflatedSize() throws Exception {
        byte[] bomb = gzipBomb();
        assertThat(bomb.length).isLessThan(MIB);

        for (String path : List.of("api/apps", "hooks/small")) {
            Instant started = Instant.now();
            HttpResponse<String> response = send(authorized(post(path, HttpRequest.BodyPublishers.ofByteArray(bomb)))
                    .header("Content-Encoding", "gzip"));

            assertTooLarge(response);
            assertThat(Duration.between(started, Instant.now())).as(path).isLessThan(Duration.ofSeconds(10));
            assertHealthy();
        }
    }

    /** 512 MiB of JSON whitespace after '{': about half a MiB on the wire, inside the limit before inflation. */
    private static byte[] gzipBomb() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write('{');
            byte[] spaces = new byte[MIB];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 512; i++) {
                gzip.write(spaces);
            }
        }
        return packed.toByteArray();
    }

    @Test
    void aPushPastTheAppsPackLimitIsRejectedWithTheReasonAndMovesNoBranch() throws Exception {
        Path repo = Files.createTempDirectory("bounds-push-");
        git(repo, "init", "-q", "-b", "main");
        byte[] noise = new byte[3 * MIB]; // random: the pack cannot compress it below the 1 MiB limit
        new Random(42).nextBytes(noise);
        Files.write(repo.resolve("blob.bin"), noise);
        git(repo, "add", "blob.bin");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "big");

        Result push = git(repo, "-c", "http.extraHeader=Authorization: Basic " + Base64.getEncoder()
                .encodeToString(("any:" + server.adminToken()).getBytes(StandardCharsets.UTF_8)),
                "push", server.url() + "git/small.git", "main");

        assertThat(push.exit()).as(push.output()).isNotZero();
        assertThat(push.output()).contains("remote unpack failed: error Pack exceeds the limit of")
                .containsPattern("1[,.]?048[,.]?576 bytes, rejecting the pack").contains("[remote rejected] main -> main");
        Result heads = git(repo, "ls-remote", "--heads", authorizedUrl());
        assertThat(heads.exit()).as(heads.output()).isZero();
        assertThat(heads.output()).doesNotContain("refs/heads/main");
        assertHealthy();
    }

    @Test
    void eventStreamsBeyondTheirLimitsAreRefusedWith429AndASlotFreesWhenItsClientLeaves() throws Exception {
        long deployment = unfinishedDeployment();
        String other = newViewerToken();
        String third = newViewerToken();
        List<CompletableFuture<HttpResponse<InputStream>>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(stream(server.adminToken(), deployment));
            }
            open.forEach(OversizedInputIT::assertStillOpen);
            HttpResponse<InputStream> perToken = stream(server.adminToken(), deployment).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                open.add(stream(other, deployment));
            }
            for (int i = 0; i < 2; i++) {
                open.add(stream(third, deployment));
            }
            open.forEach(OversizedInputIT::assertStillOpen);
            HttpResponse<InputStream> serverWide = stream(third, deployment).get(10, TimeUnit.SECONDS);

            assertThat(perToken.statusCode()).isEqualTo(429);
            assertThat(new String(perToken.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"code\":429,\"message\":\"this API token already has 4 open event streams, the most one "
                            + "token may hold: close one first\"}");
            assertThat(serverWide.statusCode()).isEqualTo(429);
            assertThat(new String(serverWide.body().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("the server already has 10 open event streams");
            assertHealthy();

            // The deployment ends: its streams end, and their slots come back.
            db.useHandle(h -> h.execute("UPDATE deployments SET status = 'failed', reason = 'test', finished_at = ? "
                    + "WHERE id = ?", Instant.now(), deployment));
            assertThat(awaitOpen(third, deployment, Duration.ofSeconds(40))).isTrue();
        } finally {
            open.forEach(stream -> stream.cancel(true));
        }
    }

    private static String newViewerToken() {
        return admin.createToken("streams-" + UUID.randomUUID().toString().substring(0, 8), "viewer").token();
    }

    private long unfinishedDeployment() {
        long app = db.withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = 'small'").mapTo(Long.class).one());
        return db.withHandle(h -> h.createUpdate("INSERT INTO deployments (app_id, kind, status, created_by, started_at) "
                        + "VALUES (:app, 'deploy', 'deploying', 'test', :at)")
                .bind("app", app).bind("at", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private static CompletableFuture<HttpResponse<InputStream>> stream(String token, long deployment) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "api/deployments/" + deployment + "/events"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** An accepted stream says nothing until its first event or heartbeat (15 s); a refused one answers at once. */
    private static void assertStillOpen(CompletableFuture<HttpResponse<InputStream>> stream) {
        try {
            HttpResponse<InputStream> response = stream.get(1, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as("an accepted stream").isEqualTo(200);
        } catch (TimeoutException stillWaiting) {
            // accepted, and waiting for its first event
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** True once a new stream for {@code token} is accepted (answers 200, or keeps waiting) instead of 429. */
    private static boolean awaitOpen(String token, long deployment, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            CompletableFuture<HttpResponse<InputStream>> attempt = stream(token, deployment);
            try {
                HttpResponse<InputStream> response = attempt.get(2, TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    response.body().close();
                    return true;
                }
            } catch (TimeoutException accepted) {
                attempt.cancel(true);
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    private static HttpRequest.Builder post(String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(body);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request) throws IOException {
        return request.header("Authorization", "Bearer " + server.adminToken());
    }

    /** No Content-Length: the body arrives chunked, and only counting while reading can bound it. */
    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * curl with a declared Content-Length; for a body this big it sends {@code Expect: 100-continue}, so the 413
     * comes before the body is sent at all. Output: the answer's body, then its status on a line of its own.
     */
    private static Result curl(String path, byte[] body, boolean withToken) throws Exception {
        Path file = Files.createTempFile("bounds-body-", ".bin");
        Files.write(file, body);
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-X", "POST", "-H", "Content-Type: application/json",
                "--data-binary", "@" + file, "-w", "\n%{http_code}", server.url() + path));
        if (withToken) {
            command.addAll(1, List.of("-H", "Authorization: Bearer " + server.adminToken()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        Files.delete(file);
        return new Result(process.exitValue(), output);
    }

    private static void assertTooLarge(Result curl) {
        assertThat(curl.exit()).as(curl.output()).isZero();
        assertThat(curl.output()).endsWith("\n413");
        assertThat(curl.output()).startsWith(TOO_LARGE);
    }

    private static final String TOO_LARGE = "{\"code\":413,\"message\":\"the request body is larger than 1 MiB: send less "
            + "(DEPLOYER_MAX_REQUEST_KIB sets the limit)\"}";

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"code\":413,\"message\":\"the request body is larger than 1 MiB: send less "
                + "(DEPLOYER_MAX_REQUEST_KIB sets the limit)\"}");
    }

    private static void assertHealthy() throws Exception {
        assertThat(admin.apps()).extracting(app -> app.name()).contains("small");
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        long heapUsed = Long.parseLong(metrics.body().replaceAll("(?s).*\"jvm.memory.heap.used\":\\{\"value\":(\\d+)\\}.*", "$1"));
        assertThat(heapUsed).as("server heap in use").isLessThan(400L * MIB);
    }

    private static String authorizedUrl() throws IOException {
        return server.url().replace("http://", "http://any:" + server.adminToken() + "@") + "git/small.git";
    }

    record Result(int exit, String output) {}

    private static Result git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
