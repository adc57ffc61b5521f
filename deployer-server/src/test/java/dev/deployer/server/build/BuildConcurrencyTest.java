package dev.deployer.server.build;

import static dev.deployer.server.build.BuilderTest.COPY_JAR;
import static dev.deployer.server.build.BuilderTest.sh;
import static dev.deployer.server.build.BuilderTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Builds log when their process starts and ends (in the process itself), so overlaps are measured, not guessed. */
@Timeout(60)
class BuildConcurrencyTest {
    @TempDir
    Path tempDir;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    @Test
    void buildsOfTwoAppsRunInParallel() throws Exception {
        BuildFixture fixture = new BuildFixture(tempDir, 2);
        Future<Artifact> shop = build(fixture, "shop");
        Future<Artifact> blog = build(fixture, "blog");
        shop.get();
        blog.get();

        long[] shopRun = interval(tempDir.resolve("shop.log"), 0);
        long[] blogRun = interval(tempDir.resolve("blog.log"), 0);
        assertThat(shopRun[0]).isLessThan(blogRun[1]);
        assertThat(blogRun[0]).isLessThan(shopRun[1]);
    }

    @Test
    void twoBuildsOfOneAppRunOneAfterTheOther() throws Exception {
        BuildFixture fixture = new BuildFixture(tempDir, 2);
        fixture.app("shop");
        try (TestRepository repo = repository("shop")) {
            String first = repo.commit("first");
            repo.write("version.txt", "2");
            String second = repo.commit("second");
            BuildFixture.Lines waited = new BuildFixture.Lines();
            Future<Artifact> a = threads.submit(() -> fixture.builder.build(timed("shop"), repo.gitDir(), first, line -> {}));
            Processes.await(() -> Files.exists(tempDir.resolve("shop.log")));
            Future<Artifact> b = threads.submit(() -> fixture.builder.build(timed("shop"), repo.gitDir(), second, waited));
            a.get();
            b.get();

            List<String> log = Files.readAllLines(tempDir.resolve("shop.log"));
            assertThat(log).extracting(line -> line.split(" ")[0]).containsExactly("start", "end", "start", "end");
            assertThat(waited.lines).first().isEqualTo("-----> waiting for the build of shop that is already running");
        }
    }

    @Test
    void buildsBeyondTheServersLimitWaitForASlot() throws Exception {
        BuildFixture fixture = new BuildFixture(tempDir, 1);
        Future<Artifact> shop = build(fixture, "shop");
        Processes.await(() -> Files.exists(tempDir.resolve("shop.log")));
        BuildFixture.Lines waited = new BuildFixture.Lines();
        fixture.app("blog");
        try (TestRepository repo = repository("blog")) {
            String commit = repo.commit("first");
            fixture.builder.build(timed("blog"), repo.gitDir(), commit, waited);
        }
        shop.get();

        assertThat(interval(tempDir.resolve("shop.log"), 0)[1]).isLessThanOrEqualTo(interval(tempDir.resolve("blog.log"), 0)[0]);
        assertThat(waited.lines).first().isEqualTo("-----> waiting for a free build slot (other apps are building)");
    }

    @Test
    void concurrentRequestsForOneCommitBuildItOnce() throws Exception {
        BuildFixture fixture = new BuildFixture(tempDir, 2);
        fixture.app("shop");
        try (TestRepository repo = repository("shop")) {
            String commit = repo.commit("first");
            Future<Artifact> a = threads.submit(() -> fixture.builder.build(timed("shop"), repo.gitDir(), commit, line -> {}));
            Future<Artifact> b = threads.submit(() -> fixture.builder.build(timed("shop"), repo.gitDir(), commit, line -> {}));

            assertThat(a.get()).isEqualTo(b.get());
            assertThat(fixture.processes.started).hasSize(1);
        }
    }

    private Future<Artifact> build(BuildFixture fixture, String app) throws IOException {
        fixture.app(app);
        TestRepository repo = repository(app);
        String commit = repo.commit("first");
        return threads.submit(() -> {
            try (repo) {
                return fixture.builder.build(timed(app), repo.gitDir(), commit, line -> {});
            }
        });
    }

    private TestRepository repository(String app) throws IOException {
        TestRepository repo = TestRepository.init(tempDir.resolve("repos").resolve(app));
        TestJars.runnable(repo.workTree().resolve("app.jar"));
        return repo;
    }

    /** A build of two seconds that writes when it started and ended to APP.log in the test's temp dir. */
    private BuildSpec timed(String app) {
        Path log = tempDir.resolve(app + ".log");
        return spec(app, sh("echo start $(date +%s%N) >> " + log + "; sleep 2; " + COPY_JAR
                + "; echo end $(date +%s%N) >> " + log));
    }

    /** The start and end (nanoseconds since the epoch) of the {@code index}th build in a log. */
    private static long[] interval(Path log, int index) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return new long[] {
            Long.parseLong(lines.get(2 * index).split(" ")[1]),
            Long.parseLong(lines.get(2 * index + 1).split(" ")[1])
        };
    }
}
