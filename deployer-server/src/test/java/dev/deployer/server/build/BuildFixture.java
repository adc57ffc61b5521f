package dev.deployer.server.build;

import dev.deployer.server.storage.DataDir;
import dev.deployer.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;

/** A Builder on a fresh data dir and H2 database, its processes recorded, Maven on the machine's own local repository. */
final class BuildFixture {
    static final Path MAVEN_REPOSITORY = Path.of(System.getProperty("user.home"), ".m2", "repository");

    final DataDir dataDir;
    final Jdbi jdbi;
    final ArtifactStore store;
    final RecordingProcessFactory processes = new RecordingProcessFactory();
    final Builder builder;

    BuildFixture(Path tempDir, int concurrency) {
        dataDir = DataDir.open(tempDir.resolve("data"));
        jdbi = TestDatabase.h2().jdbi();
        store = new ArtifactStore(jdbi.onDemand(ArtifactDao.class), dataDir.artifacts(), Clock.systemUTC());
        Map<String, String> serverEnv = Map.of("PATH", System.getenv("PATH"), "DEPLOYER_MASTER_KEY", "not-for-builds",
                "DEPLOYER_DATABASE_PASSWORD", "not-for-builds-either");
        builder = new Builder(store, dataDir, MAVEN_REPOSITORY, concurrency, serverEnv, processes);
    }

    /** Inserts an app row (the apps feature owns that table; this is the least it needs). */
    long app(String name) {
        return insertApp(jdbi, name);
    }

    static long insertApp(Jdbi jdbi, String name) {
        return jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO apps (name, branch, port, java_options, "
                        + "java_version, health_timeout_seconds, build_timeout_seconds, keep_releases, webhook_secret, created_at) "
                        + "VALUES (:name, 'main', 8080, '', 17, 60, 900, 5, 'x', :at)")
                .bind("name", name).bind("at", Instant.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** Collects a build's output lines, as the deploy engine would. */
    static final class Lines implements java.util.function.Consumer<String> {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void accept(String line) {
            lines.add(line);
        }
    }
}
