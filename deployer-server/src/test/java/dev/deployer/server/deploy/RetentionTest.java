package dev.deployer.server.deploy;

import dev.deployer.api.ReleaseStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.releases.Release;
import dev.deployer.server.ssh.RemoteFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
        fixture.hosts.when("find /opt/deployer/shop/releases -mindepth 1").prints("v1\nv2\nv3\nv4\nv5\nv6\nlost+found\n");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void apply(Optional<Release> previous) {
        long deployment = fixture.dao.insert(fixture.app.id(), "deploy", "main", "ci", fixture.clock.instant());
        RolloutPlan plan = new RolloutPlan(deployment, fixture.apps.require("shop"), fixture.targets(), made.get(5), Map.of(), null,
                previous, Map.of());
        fixture.retention.apply(plan, new StepLog(fixture.events, deployment, "shop"));
    }

    @Test
    void keepsTheNewestTheCurrentAndTheLastGoodReleaseAndRemovesTheRest() {
        apply(Optional.of(made.get(4)));

        for (String host : fixture.hostNames) {
            assertThat(fixture.hosts.calls().on(host).inStep("prune").texts()).as(host).containsExactly(
                    "find /opt/deployer/shop/releases -mindepth 1 -maxdepth 1 -type d -name v* -printf %f\\n",
                    "rm -r -f -- /opt/deployer/shop/releases/v1",
                    "rm -r -f -- /opt/deployer/shop/releases/v2",
                    "rm -r -f -- /opt/deployer/shop/releases/v4");
        }
    }

    @Test
    void theReleaseRolledBackFromIsKeptToo() {
        apply(Optional.of(made.get(3)));

        assertThat(fixture.hosts.calls().on("web1").startingWith("rm ").texts()).containsExactly(
                "rm -r -f -- /opt/deployer/shop/releases/v1", "rm -r -f -- /opt/deployer/shop/releases/v2");
    }

    @Test
    void aHostThatCannotBePrunedDoesNotStopTheOthers() {
        fixture.hosts.when("web1", "find /opt/deployer/shop/releases").fails(RemoteFailure.Kind.LINK_LOST);

        apply(Optional.of(made.get(4)));

        assertThat(fixture.hosts.calls().on("web1").startingWith("rm ").isEmpty()).isTrue();
        assertThat(fixture.hosts.calls().on("web2").startingWith("rm ").size()).isEqualTo(3);
        assertThat(fixture.hosts.calls().on("web3").startingWith("rm ").size()).isEqualTo(3);
    }
}
