package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.releases.Release;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The observer hears each deployment's rollout start and its end, and nothing it does changes the outcome. */
class DeploymentObserverTest {
    private final DeployFixture fixture;

    DeploymentObserverTest() throws Exception {
        fixture = new DeployFixture();
        fixture.hosts.when("systemctl is-active").prints("active\n");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void observerHearsStartedThenSucceededWithReleaseCommitAndWho() throws Exception {
        List<DeploymentObserver.Notice> heard = new CopyOnWriteArrayList<>();
        fixture.deployments.observe(heard::add);

        DeploymentInfo done = fixture.deployed(fixture.newRelease("v1"));

        assertThat(heard).extracting(DeploymentObserver.Notice::phase).containsExactly("started", "succeeded");
        DeploymentObserver.Notice end = heard.get(1);
        assertThat(end.deployment()).isEqualTo(done.id());
        assertThat(end.app()).isEqualTo("shop");
        assertThat(end.version()).isEqualTo(1);
        assertThat(end.commit()).isEqualTo("c".repeat(40));
        assertThat(end.who()).isEqualTo("ci");
        assertThat(end.kind()).isEqualTo("deploy");
        assertThat(end.reason()).isEqualTo(done.reason());
        assertThat(heard.get(0).reason()).isNull();
    }

    @Test
    void observerThatThrowsLeavesTheDeploymentSucceeding() throws Exception {
        fixture.deployments.observe(notice -> {
            throw new IllegalStateException("observer broke");
        });

        Release v1 = fixture.newRelease("v1");
        fixture.jarOnHosts(1);
        DeploymentInfo done = fixture.deployments.runNow(fixture.app, DeployFixture.runOf(v1, "deploy"), "ci", event -> {});

        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
    }

    @Test
    void failedDeploymentIsHeardAsFailedWithItsReason() throws Exception {
        List<DeploymentObserver.Notice> heard = new CopyOnWriteArrayList<>();
        fixture.deployments.observe(heard::add);
        DeploymentRun broken = new DeploymentRun() {
            @Override
            public Prepared prepare(dev.deployer.server.apps.App app, StepLog log) {
                throw new StepFailure(null, "build", "the build failed: mvn exited 1", null);
            }

            @Override
            public dev.deployer.api.DeploymentKind kind() {
                return dev.deployer.api.DeploymentKind.DEPLOY;
            }
        };

        DeploymentInfo done = fixture.deployments.runNow(fixture.app, broken, "alice", event -> {});

        assertThat(done.status()).isEqualTo("failed");
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).phase()).isEqualTo("failed");
        assertThat(heard.get(0).version()).isNull();
        assertThat(heard.get(0).who()).isEqualTo("alice");
        assertThat(heard.get(0).reason()).isEqualTo(done.reason());
    }
}
