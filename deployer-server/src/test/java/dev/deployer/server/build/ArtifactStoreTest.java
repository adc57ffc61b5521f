package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactStoreTest {
    private static final String C1 = "1".repeat(40);
    private static final String C2 = "2".repeat(40);

    @TempDir
    Path dir;

    private ArtifactStore store(TestDatabase.Named db) {
        return new ArtifactStore(db.jdbi().onDemand(ArtifactDao.class), dir.resolve("artifacts"), Clock.systemUTC());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void storedJarIsFoundByCommitAndByContentUnderItsHash(TestDatabase.Named db) throws IOException {
        ArtifactStore store = store(db);
        long app = BuildFixture.insertApp(db.jdbi(), "shop");
        Path jar = TestJars.runnable(dir.resolve("work/app.jar"));

        Artifact artifact = store.put(app, C1, jar);

        assertThat(artifact.sha256()).isEqualTo(ArtifactStore.sha256(jar)).hasSize(64);
        assertThat(artifact.size()).isEqualTo(Files.size(jar));
        assertThat(artifact.file()).isEqualTo(dir.resolve("artifacts").resolve(artifact.sha256().substring(0, 2))
                .resolve(artifact.sha256() + ".jar")).hasSameBinaryContentAs(jar);
        assertThat(artifact.commit()).isEqualTo(C1);
        assertThat(store.forCommit(app, C1)).contains(artifact);
        assertThat(store.forCommit("shop", C1)).contains(artifact);
        assertThat(store.forCommit(app, C2)).isEmpty();
        assertThat(store.file(artifact.sha256())).contains(artifact.file());
        assertThat(store.file("../../etc/passwd")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void sameJarFromTwoAppsAndTwoCommitsIsStoredOnceAndKeptWhileAnyoneNamesIt(TestDatabase.Named db) throws IOException {
        ArtifactStore store = store(db);
        long staging = BuildFixture.insertApp(db.jdbi(), "shop-staging");
        long production = BuildFixture.insertApp(db.jdbi(), "shop");
        Path jar = TestJars.runnable(dir.resolve("work/app.jar"));

        Artifact a = store.put(staging, C1, jar);
        Artifact b = store.put(staging, C2, jar);
        Artifact c = store.put(production, C1, jar);

        assertThat(a.sha256()).isEqualTo(b.sha256()).isEqualTo(c.sha256());
        assertThat(store.forCommit(staging, C2)).isPresent();
        store.retainOnly(staging, Set.of());
        assertThat(store.forCommit(staging, C1)).isEmpty();
        assertThat(store.forCommit(staging, C2)).isEmpty();
        assertThat(store.forCommit(production, C1)).contains(c);
        assertThat(c.file()).exists();

        store.retainOnly("shop", Set.of());
        assertThat(c.file()).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void retentionKeepsTheNamedJarsAndDeletesTheOthers(TestDatabase.Named db) throws IOException {
        ArtifactStore store = store(db);
        long app = BuildFixture.insertApp(db.jdbi(), "shop");
        Artifact old = store.put(app, C1, TestJars.runnable(dir.resolve("work/v1.jar")));
        Artifact kept = store.put(app, C2, TestJars.runnable(dir.resolve("work/v2.jar")));

        store.retainOnly(app, Set.of(kept.sha256()));

        assertThat(store.forCommit(app, C1)).isEmpty();
        assertThat(old.file()).doesNotExist();
        assertThat(store.forCommit(app, C2)).contains(kept);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void commitWhoseJarWasLostCountsAsUnbuiltAndCanBeStoredAgain(TestDatabase.Named db) throws IOException {
        ArtifactStore store = store(db);
        long app = BuildFixture.insertApp(db.jdbi(), "shop");
        Path jar = TestJars.runnable(dir.resolve("work/app.jar"));
        Files.delete(store.put(app, C1, jar).file());

        assertThat(store.forCommit(app, C1)).isEmpty();
        assertThat(store.put(app, C1, jar).file()).exists();
        assertThat(store.forCommit(app, C1)).isPresent();
    }
}
