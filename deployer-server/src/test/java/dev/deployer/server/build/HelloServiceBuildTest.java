package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real Maven builds of examples/hello-service, against the machine's local repository (nothing is downloaded). */
@Timeout(180)
class HelloServiceBuildTest {
    private static final String SOURCE = "src/main/java/dev/deployer/examples/hello/HelloService.java";

    @TempDir
    Path tempDir;
    BuildFixture fixture;
    TestRepository repo;

    @BeforeEach
    void setUp() {
        fixture = new BuildFixture(tempDir, 2);
        fixture.app("hello");
        repo = TestRepository.init(tempDir.resolve("hello")).copy(helloService(), ".");
    }

    @Test
    void sampleAppBuildsToARunnableJarThatServesHealth() throws Exception {
        String commit = repo.commit("hello-service");
        BuildFixture.Lines output = new BuildFixture.Lines();

        Artifact artifact = fixture.builder.build(BuildSpec.detected("hello"), repo.gitDir(), commit, output);

        assertThat(fixture.processes.started.get(0).command()).containsExactly("mvn",
                "-Dmaven.repo.local=" + BuildFixture.MAVEN_REPOSITORY, "-B", "-DskipTests", "package");
        assertThat(output.lines).contains("[INFO] BUILD SUCCESS");
        assertThat(output.lines).last().asString().startsWith("-----> artifact target/hello-service-1.0.0.jar: sha256 ");
        assertThat(RunnableJars.isRunnable(artifact.file())).isTrue();
        assertThat(get(run(artifact), "/health")).isEqualTo("200 ok");
    }

    @Test
    void compileErrorFailsTheBuildWithItsLastLines() throws IOException {
        Path source = repo.workTree().resolve(SOURCE);
        Files.writeString(source, Files.readString(source).replace("server.start();", "server.start()"));
        String commit = repo.commit("broken");

        assertThatThrownBy(() -> fixture.builder.build(BuildSpec.detected("hello"), repo.gitDir(), commit, line -> {}))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("the build failed: mvn exited with status 1")
                .satisfies(e -> assertThat(((BuildFailure) e).lastLines())
                        .hasSizeLessThanOrEqualTo(50)
                        .anyMatch(line -> line.contains("HelloService.java") && line.contains("';' expected"))
                        .anyMatch(line -> line.contains("BUILD FAILURE")));
        assertThat(fixture.store.forCommit("hello", commit)).isEmpty();
    }

    /** Starts the jar on a free port; the test's cleanup stops it. */
    private int run(Artifact artifact) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", artifact.file().toString())).redirectErrorStream(true)
                .redirectOutput(tempDir.resolve("hello.log").toFile());
        builder.environment().put("PORT", String.valueOf(port));
        Process service = builder.start();
        try {
            Processes.await(() -> Files.exists(tempDir.resolve("hello.log"))
                    && readQuietly(tempDir.resolve("hello.log")).contains("listening on port " + port));
        } catch (AssertionError e) {
            service.destroyForcibly();
            throw e;
        }
        running = service;
        return port;
    }

    private Process running;

    @org.junit.jupiter.api.AfterEach
    void stopService() throws InterruptedException {
        if (running != null) {
            running.destroy();
            assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(running.exitValue()).isZero();
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** examples/hello-service, found from the module's or the repository's directory. */
    static Path helloService() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples/hello-service");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/hello-service not found above " + Path.of("").toAbsolutePath());
    }
}
