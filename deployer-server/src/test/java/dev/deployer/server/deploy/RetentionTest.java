package dev.deployer.server.deploy;

import dev.deployer.api.ReleaseStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.releases.Release;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.remote.ReleaseCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a good deploy each host keeps the newest releases, the current one and the last good one; the rest go. */
class RetentionTest {
    private final DeployFixture fixture;
    private final List<Release> made;

    RetentionTest() throws Exception {
        fixture = new DeployFixture();
        fixture.db.jdbi().useHandle(h -> h.execute("UPDATE apps SET keep_releases = 2 WHERE id = ?", fixture.app.id()));
        made = java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> fixture.newRelease("v" + i)).toList();
        // v3 is the last good release before v6; v4 and v5 failed.
        fixture.releaseDao.setStatus(made.get(2).id(), ReleaseStatus.SUCCEEDED.value());
        fixture.releaseDao.setStatus(made.get(3).id(), ReleaseStatus.FAILED.value());
        fixture.releaseDao.setStatus(made.get(4).id(), ReleaseStatus.FAILED.value());
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** The deployment's id, for its events. */
    private long apply(Optional<Release> previous) {
        long deployment = fixture.dao.insert(fixture.app.id(), "deploy", "main", "ci", fixture.clock.instant());
        RolloutPlan plan = new RolloutPlan(deployment, fixture.apps.require("shop"), fixture.targets(), made.get(5), Map.of(), null,
                previous, Map.of());
        fixture.retention.apply(plan, new StepLog(fixture.events, deployment, "shop"));
        return deployment;
    }

    private static final String PRUNE = "find /opt/deployer/shop/releases -mindepth 1 -maxdepth 1 -type d -regextype posix-extended"
            + " -regex .*/v[1-9][0-9]*";

    @Test
    void keepsTheNewestTheCurrentAndTheLastGoodReleaseAndRemovesTheRestInOneRoundTripPerHost() {
        fixture.hosts.when(PRUNE).prints("v4\nv1\nv2\n");

        long deployment = apply(Optional.of(made.get(4)));

        for (String host : fixture.hostNames) {
            assertThat(fixture.hosts.calls().on(host).inStep("prune").texts()).as(host).containsExactly(
                    PRUNE + " ! -name v3 ! -name v5 ! -name v6 -printf %f\\n -exec rm -r -f -- {} +");
            assertThat(fixture.events.stored(deployment, 0).stream().filter(e -> host.equals(e.host())
                    && "prune".equals(e.step())).map(e -> e.outcome() + " " + e.message()))
                    .containsExactly("ok removed v1, v2, v4 (kept v3, v5, v6)");
        }
    }

    @Test
    void theReleaseRolledBackFromIsKeptToo() {
        apply(Optional.of(made.get(3)));

        assertThat(fixture.hosts.calls().on("web1").inStep("prune").texts()).containsExactly(
                PRUNE + " ! -name v3 ! -name v4 ! -name v5 ! -name v6 -printf %f\\n -exec rm -r -f -- {} +");
    }

    @Test
    void aHostThatCannotBePrunedDoesNotStopTheOthers() {
        fixture.hosts.when(PRUNE).prints("v1\n");
        fixture.hosts.when("web1", PRUNE).fails(RemoteFailure.Kind.LINK_LOST);

        long deployment = apply(Optional.of(made.get(4)));

        assertThat(fixture.events.stored(deployment, 0).stream().filter(e -> "prune".equals(e.step()))
                .map(e -> e.host() + " " + e.outcome()).sorted()).containsExactly("web1 failed", "web2 ok", "web3 ok");
    }

    @Test
    void theCommandRemovesExactlyTheReleaseDirsNotKeptAndNamesThem(@TempDir Path dir) throws Exception {
        for (String name : List.of("v1", "v2", "v3", "v10", "v12", "lost+found", "v3x", "v0")) {
            Files.createDirectories(dir.resolve(name).resolve("inner"));
        }
        Files.writeString(dir.resolve("v7"), "a file, not a release dir");
        List<String> words = new java.util.ArrayList<>(ReleaseCommands.pruneReleases("shop", List.of(3, 12)).words());
        words.set(1, dir.toString());

        Process find = new ProcessBuilder(words).redirectErrorStream(true).start();
        String printed = new String(find.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(find.waitFor()).as(printed).isZero();
        assertThat(printed.lines().sorted()).containsExactly("v1", "v10", "v2");
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted()).containsExactly("lost+found", "v0", "v12", "v3", "v3x", "v7");
        }
    }
}
