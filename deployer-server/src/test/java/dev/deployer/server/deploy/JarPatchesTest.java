package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.build.ProcessFactory;
import dev.deployer.server.remote.DeltaCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real zstd of this machine makes the patch, and the host's own command rebuilds the jar from it, byte for byte. */
class JarPatchesTest {
    @TempDir
    Path dir;

    @Test
    void aPatchBetweenTwoBuildsRoundTripsThroughTheHostsRebuildCommandAndIsATinyShareOfTheJar() throws Exception {
        Path v1 = TestJarPair.jar(dir, "v1", 8, 42);
        Path v2 = TestJarPair.jar(dir, "v2", 8, 42);
        JarPatches patches = new JarPatches(ProcessFactory.SYSTEM, DeltaCommands.ZSTD, dir.resolve("patches"), Duration.ofSeconds(60));

        long started = System.nanoTime();
        JarPatches.Outcome outcome = patches.between(v1, sha256(v1), v2, sha256(v2));
        long madeMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(outcome.made()).as(outcome.whyNot()).isTrue();
        assertThat(outcome.patch().bytes()).isLessThan(Files.size(v2) / 100);
        assertThat(outcome.patch().sha256()).isEqualTo(sha256(outcome.patch().file()));
        String rebuilt = dir.resolve("rebuilt.jar").toString();
        // The words the host runs after the patch arrived, run here: zstd -d --long=W --patch-from=v1 -o rebuilt -- patch
        // && sha256sum -- rebuilt (the first two steps write stdin into the patch file, which is already here)
        List<List<String>> steps = DeltaCommands.receiveRebuildAndHash(v1.toString(), outcome.patch().file().toString(), rebuilt,
                outcome.patch().windowLog()).steps().stream().map(s -> s.words()).toList();
        String printed = runLocally(steps.get(2)) + runLocally(steps.get(3));
        assertThat(printed).startsWith(sha256(v2) + "  " + rebuilt);
        assertThat(Files.mismatch(Path.of(rebuilt), v2)).isEqualTo(-1L);
        System.out.printf("jar %d bytes, patch %d bytes, made in %d ms%n", Files.size(v2), outcome.patch().bytes(), madeMs);
    }

    @Test
    void aPairIsPatchedOnceHoweverManyHostsAskForIt() throws Exception {
        Path v1 = TestJarPair.jar(dir, "v1", 1, 42);
        Path v2 = TestJarPair.jar(dir, "v2", 1, 42);
        AtomicInteger started = new AtomicInteger();
        ProcessFactory counting = (command, directory, environment) -> {
            started.incrementAndGet();
            return ProcessFactory.SYSTEM.start(command, directory, environment);
        };
        JarPatches patches = new JarPatches(counting, DeltaCommands.ZSTD, dir.resolve("patches"), Duration.ofSeconds(60));

        JarPatches.Outcome first = patches.between(v1, sha256(v1), v2, sha256(v2));
        JarPatches.Outcome second = patches.between(v1, sha256(v1), v2, sha256(v2));

        assertThat(started).hasValue(1);
        assertThat(second.patch()).isEqualTo(first.patch());
    }

    @Test
    void unrelatedJarsGetNoPatchBecauseItWouldBeMoreThanHalfTheJar() throws Exception {
        Path v1 = TestJarPair.jar(dir, "v1", 2, 1);
        Path v2 = TestJarPair.jar(dir, "v2", 2, 2);
        JarPatches patches = new JarPatches(ProcessFactory.SYSTEM, DeltaCommands.ZSTD, dir.resolve("patches"), Duration.ofSeconds(60));

        JarPatches.Outcome outcome = patches.between(v1, sha256(v1), v2, sha256(v2));

        assertThat(outcome.made()).isFalse();
        assertThat(outcome.whyNot()).contains("more than half the jar");
        try (var left = Files.list(dir.resolve("patches"))) {
            assertThat(left).as("the unfinished patch is removed").isEmpty();
        }
    }

    @Test
    void aServerWithoutZstdSaysSoAndMakesNoPatch() throws Exception {
        Path v1 = TestJarPair.jar(dir, "v1", 1, 42);
        Path v2 = TestJarPair.jar(dir, "v2", 1, 42);
        JarPatches patches = new JarPatches(ProcessFactory.SYSTEM, "/nonexistent/zstd", dir.resolve("patches"), Duration.ofSeconds(60));

        JarPatches.Outcome outcome = patches.between(v1, sha256(v1), v2, sha256(v2));

        assertThat(outcome.made()).isFalse();
        assertThat(outcome.whyNot()).startsWith("zstd cannot run on the server");
    }

    @Test
    void aZstdThatHangsIsStoppedAtTheTimeLimit() throws Exception {
        Path v1 = TestJarPair.jar(dir, "v1", 1, 42);
        Path v2 = TestJarPair.jar(dir, "v2", 1, 42);
        ProcessFactory hanging = (command, directory, environment) -> ProcessFactory.SYSTEM.start(List.of("sleep", "30"), directory,
                environment);
        JarPatches patches = new JarPatches(hanging, DeltaCommands.ZSTD, dir.resolve("patches"), Duration.ofMillis(300));

        long started = System.nanoTime();
        JarPatches.Outcome outcome = patches.between(v1, sha256(v1), v2, sha256(v2));

        assertThat(outcome.whyNot()).startsWith("zstd took longer than");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    private static String runLocally(List<String> words) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
