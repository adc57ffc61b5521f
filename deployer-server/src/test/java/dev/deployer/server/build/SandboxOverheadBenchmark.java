package dev.deployer.server.build;

import dev.deployer.server.storage.DataDir;
import dev.deployer.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * hello-service built sandboxed and not, interleaved, warm caches, each build a new commit (no reuse).
 * Run by hand: mvn -pl deployer-server -am -Dtest=SandboxOverheadBenchmark -Dbenchmark=true test; see docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SandboxOverheadBenchmark {
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 6);

    @TempDir
    Path tempDir;

    @Test
    void sandboxedAndUnsandboxedBuildsOfTheSampleApp() {
        DataDir dataDir = DataDir.open(tempDir.resolve("data"));
        Jdbi jdbi = TestDatabase.h2().jdbi();
        ArtifactStore store = new ArtifactStore(jdbi.onDemand(ArtifactDao.class), dataDir.artifacts(), Clock.systemUTC());
        BuildFixture.insertApp(jdbi, "on");
        BuildFixture.insertApp(jdbi, "off");
        Map<String, String> env = System.getenv();
        BuildConfinement sandboxed = SandboxCheck.probe(dev.deployer.server.settings.BuildLimits.resolve(Map.of(), dataDir.root()), env,
                dataDir.workspaces(), Optional.of(BuildFixture.MAVEN_REPOSITORY), ProcessFactory.SYSTEM);
        Builder on = new Builder(store, dataDir, BuildFixture.MAVEN_REPOSITORY, 1, env, ProcessFactory.SYSTEM, sandboxed,
                Long.MAX_VALUE);
        Builder off = new Builder(store, dataDir, BuildFixture.MAVEN_REPOSITORY, 1, env, ProcessFactory.SYSTEM);
        TestRepository repo = TestRepository.init(tempDir.resolve("hello")).copy(HelloServiceBuildTest.helloService(), ".");
        List<Long> onMillis = new ArrayList<>();
        List<Long> offMillis = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            repo.write("src/main/resources/round.txt", Integer.toString(round));
            String commit = repo.commit("round " + round);
            boolean onFirst = round % 2 == 0;
            long a = time(onFirst ? on : off, onFirst ? "on" : "off", repo, commit);
            long b = time(onFirst ? off : on, onFirst ? "off" : "on", repo, commit);
            if (round > 0) { // round 0 warms both caches
                (onFirst ? onMillis : offMillis).add(a);
                (onFirst ? offMillis : onMillis).add(b);
            }
        }
        System.out.println("BENCHMARK sandbox on  ms: " + onMillis + " median " + median(onMillis));
        System.out.println("BENCHMARK sandbox off ms: " + offMillis + " median " + median(offMillis));
    }

    private static long time(Builder builder, String app, TestRepository repo, String commit) {
        long started = System.nanoTime();
        builder.build(BuildSpec.detected(app), repo.gitDir(), commit, line -> {});
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
