package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Builds driven by configured shell-free commands: fast, no Maven. {@link HelloServiceBuildTest} runs real Maven. */
@Timeout(60)
class BuilderTest {
    /** Builds the committed app.jar: what a real build tool would leave in target/. */
    static final String COPY_JAR = "mkdir -p target && cp app.jar target/app.jar";

    @TempDir
    Path tempDir;
    BuildFixture fixture;
    TestRepository repo;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new BuildFixture(tempDir, 2);
        fixture.app("shop");
        repo = TestRepository.init(tempDir.resolve("shop"));
        TestJars.runnable(repo.workTree().resolve("app.jar"));
    }

    /** A configured build command running {@code script}: the shell is named, as an operator would have to. */
    static String sh(String script) {
        return "sh -c '" + script + "'";
    }

    static BuildSpec spec(String app, String command) {
        return new BuildSpec(app, Optional.of(command), Optional.empty(), BuildSpec.DEFAULT_TIMEOUT);
    }

    @Test
    void builtJarIsStoredWithItsCommitAndTheOutputIsStreamed() throws IOException {
        String commit = repo.commit("first");
        BuildFixture.Lines output = new BuildFixture.Lines();

        Artifact artifact = fixture.builder.build(spec("shop", sh("echo compiling; " + COPY_JAR)),
                repo.gitDir(), commit, output);

        assertThat(artifact.commit()).isEqualTo(commit);
        assertThat(artifact.file()).hasSameBinaryContentAs(repo.workTree().resolve("app.jar"));
        assertThat(artifact.sha256()).isEqualTo(ArtifactStore.sha256(repo.workTree().resolve("app.jar")));
        assertThat(fixture.store.forCommit("shop", commit)).contains(artifact);
        assertThat(output.lines).contains("compiling");
        assertThat(output.lines).anyMatch(line -> line.startsWith("-----> building shop at commit " + commit));
        assertThat(output.lines).last().asString().startsWith("-----> artifact target/app.jar: sha256 " + artifact.sha256());
        assertThat(fixture.dataDir.workspaces()).isEmptyDirectory();
    }

    @Test
    void aVeryLongOutputLineReachesTheFollowerCutWithAMark() {
        String commit = repo.commit("first");
        BuildFixture.Lines output = new BuildFixture.Lines();

        fixture.builder.build(spec("shop", sh("yes x | head -c 20000 | tr -d \"\\n\"; echo; echo next; " + COPY_JAR)),
                repo.gitDir(), commit, output);

        assertThat(output.lines).contains("x".repeat(BuildOutput.MAX_LINE) + " … (" + (10000 - BuildOutput.MAX_LINE)
                + " more characters)", "next");
    }

    @Test
    void secondBuildOfSameCommitReusesArtifact() {
        String commit = repo.commit("first");
        Artifact first = fixture.builder.build(spec("shop", sh(COPY_JAR)), repo.gitDir(), commit, line -> {});
        BuildFixture.Lines output = new BuildFixture.Lines();

        Artifact second = fixture.builder.build(spec("shop", sh(COPY_JAR)), repo.gitDir(), commit, output);

        assertThat(second).isEqualTo(first);
        assertThat(fixture.processes.started).hasSize(1);
        assertThat(output.lines).containsExactly(
                "-----> reusing artifact " + first.sha256() + " built from commit " + commit + " (no build needed)");
    }

    @Test
    void commitNoRefPointsToIsBuilt() throws IOException {
        String first = repo.commit("first");
        repo.write("version.txt", "2");
        String pushed = repo.commit("pushed, not yet accepted");
        repo.resetMainTo(first);

        fixture.builder.build(spec("shop", sh("cat version.txt && " + COPY_JAR)), repo.gitDir(), pushed,
                new BuildFixture.Lines());

        assertThat(fixture.store.forCommit("shop", pushed)).isPresent();
    }

    @Test
    void failedBuildReportsItsLastFiftyLinesAndLeavesNoProcessBehind() {
        String commit = repo.commit("first");
        String sleep = "sleep " + ThreadLocalRandom.current().nextInt(600, 900);
        String command = "sh -c '" + sleep + " & for i in $(seq 1 80); do echo line $i; done; echo oops >&2; exit 3'";
        BuildFixture.Lines output = new BuildFixture.Lines();

        assertThatThrownBy(() -> fixture.builder.build(spec("shop", command), repo.gitDir(), commit, output))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("the build failed: sh exited with status 3")
                .satisfies(e -> {
                    assertThat(((BuildFailure) e).lastLines()).hasSize(50).startsWith("line 32").endsWith("line 80", "oops");
                });
        assertThat(output.lines).contains("line 1", "oops");
        assertThat(Processes.running(sleep)).isEmpty();
        assertThat(fixture.store.forCommit("shop", commit)).isEmpty();
        assertThat(fixture.dataDir.workspaces()).isEmptyDirectory();
    }

    @Test
    void timedOutBuildIsKilledWithEveryProcessItStarted() {
        String commit = repo.commit("first");
        int seconds = ThreadLocalRandom.current().nextInt(600, 900);
        String command = "sh -c 'echo started; sleep " + seconds + " & sleep " + (seconds + 1) + "'";
        BuildSpec spec = new BuildSpec("shop", Optional.of(command), Optional.empty(), Duration.ofSeconds(2));
        long started = System.nanoTime();

        assertThatThrownBy(() -> fixture.builder.build(spec, repo.gitDir(), commit, line -> {}))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith("the build timed out after 2 seconds and was stopped")
                .satisfies(e -> assertThat(((BuildFailure) e).lastLines()).containsExactly("started"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(Processes.running("sleep " + seconds)).isEmpty();
        assertThat(Processes.running("sleep " + (seconds + 1))).isEmpty();
    }

    @Test
    void cancelledBuildIsKilledWithEveryProcessItStarted() throws Exception {
        String commit = repo.commit("first");
        String sleep = "sleep " + ThreadLocalRandom.current().nextInt(600, 900);
        BuildFixture.Lines output = new BuildFixture.Lines();
        Throwable[] failure = new Throwable[1];
        Thread build = new Thread(() -> {
            try {
                fixture.builder.build(spec("shop", "sh -c 'echo started; " + sleep + "'"), repo.gitDir(), commit, output);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        build.start();
        Processes.await(() -> output.lines.contains("started"));

        build.interrupt();
        build.join(20_000);

        assertThat(failure[0]).isInstanceOf(BuildFailure.class).hasMessage("the build was cancelled");
        assertThat(Processes.running(sleep)).isEmpty();
    }

    @Test
    void twoRunnableJarsFailTheBuildNamingBoth() {
        String commit = repo.commit("first");
        String command = "sh -c 'mkdir -p target && cp app.jar target/a.jar && cp app.jar target/b.jar'";

        assertThatThrownBy(() -> fixture.builder.build(spec("shop", command), repo.gitDir(), commit, line -> {}))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("found 2 runnable jars: target/a.jar, target/b.jar; "
                        + "set the app's artifact path (e.g. --artifact target/a.jar)");

        BuildSpec withPath = new BuildSpec("shop", Optional.of(command), Optional.of("target/b.jar"), BuildSpec.DEFAULT_TIMEOUT);
        assertThat(fixture.builder.build(withPath, repo.gitDir(), commit, line -> {}).file()).exists();
    }

    @Test
    void buildSeesNoneOfTheServersVariables() {
        String commit = repo.commit("first");
        BuildFixture.Lines output = new BuildFixture.Lines();

        fixture.builder.build(spec("shop", sh("env && " + COPY_JAR)), repo.gitDir(), commit, output);

        assertThat(output.lines).noneMatch(line -> line.startsWith("DEPLOYER_") || line.contains("not-for-builds"));
        assertThat(output.lines).anyMatch(line -> line.startsWith("HOME=" + fixture.dataDir.workspaces()));
    }

    @Test
    void unclosedQuoteInTheBuildCommandFailsSayingSo() {
        String commit = repo.commit("first");

        assertThatThrownBy(() -> fixture.builder.build(spec("shop", "sh -c 'make"), repo.gitDir(), commit, line -> {}))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("the build command has an unclosed ' quote: sh -c 'make: fix the app's build command");
    }

    @Test
    void unknownCommitFailsSayingItIsNotInTheRepository() {
        repo.commit("first");
        String missing = "0123456789abcdef0123456789abcdef01234567";

        assertThatThrownBy(() -> fixture.builder.build(spec("shop", sh(COPY_JAR)), repo.gitDir(), missing, line -> {}))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("commit " + missing + " is not in the app's repository: push it first");
    }
}
