package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentKind;
import dev.deployer.api.ReleaseStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.testing.RecordingHosts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** However a deployment fails, it ends: every touched host back on the release it had, the reason recorded, the stream ended. */
class DeploymentsTest {
    private static final String RESTART = "systemctl enable --no-reload -- deployer-shop.service && systemctl restart -- deployer-shop.service";
    private static final String SWITCH_TO_V1 = "ln -s -T -- releases/v1 /opt/deployer/shop/current.deployer-tmp-";

    private final DeployFixture fixture;
    private final RecordingHosts hosts;
    private final Deployments deployments;

    DeploymentsTest() throws Exception {
        fixture = new DeployFixture();
        hosts = fixture.hosts;
        deployments = fixture.deployments;
        hosts.when("systemctl is-active").prints("active\n");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private DeploymentInfo deployV2(java.util.function.Consumer<DeploymentEvent> listener) throws InterruptedException {
        Release v2 = fixture.newRelease("v2");
        fixture.jarOnHosts(2);
        return deployments.runNow(fixture.app, DeployFixture.runOf(v2, "deploy"), "ci", listener);
    }

    private void assertEveryHostBackOnV1After(String fragment) {
        for (String host : fixture.hostNames) {
            assertThat(hosts.calls().on(host).afterContaining(fragment).texts()).as(host).anyMatch(t -> t.contains(SWITCH_TO_V1));
        }
    }

    private void assertEnded(DeploymentInfo done) {
        assertThat(done.finishedAt()).isNotNull();
        List<DeploymentEvent> stored = fixture.events.stored(done.id(), 0);
        assertThat(stored.get(stored.size() - 1).step()).isEqualTo("finished");
        assertThat(deployments.busy(fixture.app)).isFalse();
    }

    @Test
    void anExceptionInTheMiddleOfAStepEndsTheDeploymentRevertedWithItsReason() throws Exception {
        Release v1 = fixture.newRelease("v1");
        fixture.deployed(v1);
        hosts.when(call -> call.host().equals("web2") && call.text().contains(RESTART)).once().throwsUnexpected(() -> new IllegalArgumentException("a bug halfway through restart"));

        DeploymentInfo done = deployV2(event -> {});

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).isEqualTo("web2: switch: a bug halfway through restart");
        assertThat(done.hosts()).extracting(h -> h.host() + " " + h.state())
                .containsExactly("web1 reverted", "web2 failed", "web3 reverted");
        assertEveryHostBackOnV1After(RESTART);
        assertThat(deployments.current(fixture.app)).map(Release::version).contains(1);
        assertThat(fixture.releaseDao.findVersion(fixture.app.id(), 2)).map(Release::status).contains(ReleaseStatus.FAILED.value());
        assertEnded(done);
    }

    @Test
    void aListenerThatThrowsNeitherSkipsTheRevertNorLeavesTheDeploymentUnfinished() throws Exception {
        fixture.deployed(fixture.newRelease("v1"));
        hosts.when("web1", "GET :8080/health").answersHttp(500);
        AtomicInteger delivered = new AtomicInteger();

        DeploymentInfo done = deployV2(event -> {
            delivered.incrementAndGet();
            throw new IllegalStateException("the client's socket is gone");
        });

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).startsWith("web1: health: not healthy within 1 s (last: HTTP 500 from /health)");
        assertThat(hosts.calls().on("web1").after("GET :8080/health").texts()).anyMatch(t -> t.contains(SWITCH_TO_V1));
        assertThat(hosts.calls().on("web2").after("mkdir -p -m 0755 -- /opt/deployer/shop/releases/v2").inStep("switch").isEmpty())
                .isTrue();
        assertThat(delivered.get()).as("the listener was called, then detached").isPositive();
        assertEnded(done);
    }

    @Test
    void aListenerThatThrowsDoesNotFailAGoodDeployment() throws Exception {
        fixture.deployed(fixture.newRelease("v1"));

        DeploymentInfo done = deployV2(event -> {
            throw new IllegalStateException("the client's socket is gone");
        });

        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(deployments.current(fixture.app)).map(Release::version).contains(2);
    }

    @Test
    void theObserverIsToldEachDeploymentsKindOutcomeAndStepsButNoUploadWhenTheJarIsOnTheHosts() throws Exception {
        fixture.deployed(fixture.newRelease("v1"));
        hosts.when("web1", "GET :8080/health").answersHttp(500);

        DeploymentInfo failed = deployV2(event -> {});

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(fixture.observed.starting("ended ")).containsExactly("ended shop deploy succeeded ran", "ended shop deploy failed ran");
        assertThat(fixture.observed.calls).contains("step shop web1 health failed", "step shop web2 artifact ok");
        assertThat(fixture.observed.starting("uploaded ")).isEmpty();
    }

    @Test
    void anObserverThatThrowsAtEveryCallChangesNoOutcomeAndNoRevert() throws Exception {
        fixture.observed.failing = true;
        fixture.deployed(fixture.newRelease("v1"));
        hosts.when("web1", "GET :8080/health").answersHttp(500);

        DeploymentInfo done = deployV2(event -> {});

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).startsWith("web1: health: not healthy within 1 s");
        assertThat(done.hosts()).extracting(h -> h.host() + " " + h.state()).containsExactly("web1 failed", "web2 staged", "web3 staged");
        assertThat(hosts.calls().on("web1").after("GET :8080/health").texts()).anyMatch(t -> t.contains(SWITCH_TO_V1));
        assertThat(deployments.current(fixture.app)).map(Release::version).contains(1);
        assertThat(fixture.observed.starting("ended ")).containsExactly("ended shop deploy succeeded ran", "ended shop deploy failed ran");
        assertEnded(done);
    }

    @Test
    void aLostLinkOnTheCanaryFailsTheDeploymentNamingTheHostAndStep() throws Exception {
        fixture.deployed(fixture.newRelease("v1"));
        hosts.when("web1", "rm -f -- /opt/deployer/shop/current").once().fails(RemoteFailure.Kind.LINK_LOST);

        DeploymentInfo done = deployV2(event -> {});

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).startsWith("web1: switch: host web1 stopped answering during step 'switch'");
        assertThat(hosts.calls().on("web1").after("rm -f -- /opt/deployer/shop/current").texts())
                .anyMatch(t -> t.contains(SWITCH_TO_V1));
        assertEnded(done);
    }

    @Test
    void aPreparationThatThrowsTouchesNoHostAndEndsTheDeploymentFailed() throws Exception {
        DeploymentRun broken = new DeploymentRun() {
            @Override
            public Prepared prepare(App app, StepLog log) {
                throw new IllegalStateException("the release could not be made");
            }

            @Override
            public DeploymentKind kind() {
                return DeploymentKind.DEPLOY;
            }
        };

        DeploymentInfo done = deployments.runNow(fixture.app, broken, "ci", event -> {});

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).isEqualTo("the release could not be made");
        assertThat(hosts.calls().isEmpty()).isTrue();
        assertEnded(done);
    }

    @Test
    void aFailedFirstDeployLeavesNoReleaseCurrentAndTheAppStoppedOnTouchedHosts() throws Exception {
        hosts.when(call -> call.host().equals("web3") && call.text().contains(RESTART)).fails(RemoteFailure.Kind.CONNECTION_LOST);

        DeploymentInfo done = deployV2(event -> {});

        assertThat(done.status()).isEqualTo("failed");
        assertThat(deployments.current(fixture.app)).isEmpty();
        for (String host : fixture.hostNames) {
            assertThat(hosts.calls().on(host).inStep("stop").texts()).as(host)
                    .contains("rm -f -- /opt/deployer/shop/current");
        }
        assertEnded(done);
    }

    @Test
    void aBackgroundDeploymentThatFailsStillEndsAndFreesTheApp() throws Exception {
        fixture.deployed(fixture.newRelease("v1"));
        hosts.when(call -> call.host().equals("web3") && call.text().contains(RESTART)).throwsUnexpected(() -> new IllegalStateException("boom"));
        Release v2 = fixture.newRelease("v2");
        fixture.jarOnHosts(2);

        DeploymentInfo started = deployments.start(fixture.app, DeployFixture.runOf(v2, "deploy"), "ci", false);

        DeploymentInfo done = awaitEnd(started.id());
        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).isEqualTo("web3: switch: boom");
        assertEveryHostBackOnV1After(RESTART);
        assertEnded(done);
    }

    @Test
    void whoeverFollowedADeploymentToItsEndCanDeployAgainAtOnce() throws Exception {
        fixture.deployed(fixture.newRelease("v1"));
        fixture.jarOnHosts(2);
        hosts.when(call -> call.text().contains(RESTART)).delays(Duration.ofMillis(100)); // long enough to start following before it ends
        for (int round = 0; round < 10; round++) {
            DeploymentInfo started = deployments.start(fixture.app, DeployFixture.runOf(fixture.newRelease("again"), "deploy"), "ci",
                    false);
            BlockingQueue<DeploymentEvent> events = fixture.events.follow(started.id());
            for (DeploymentEvent event = events.poll(10, TimeUnit.SECONDS); event != DeploymentEvents.END;
                    event = events.poll(10, TimeUnit.SECONDS)) {
                assertThat(event).as("round " + round + ": the stream ends within 10 s").isNotNull();
            }
            assertThat(deployments.busy(fixture.app)).as("round " + round + ": the app is free when its stream has ended").isFalse();
        }
    }

    @Test
    void whatTheCallerDoesAfterSuccessCannotTurnItIntoAFailure() throws Exception {
        fixture.deployed(fixture.newRelease("v1"));
        Release v2 = fixture.newRelease("v2");
        fixture.jarOnHosts(2);

        DeploymentInfo done = deployments.runNow(fixture.app, DeployFixture.runOf(v2, "deploy"), "ci", event -> {},
                new Deployments.Holding() {
                    @Override
                    public void succeeded(DeploymentInfo info) {
                        throw new IllegalStateException("the branch could not be moved");
                    }
                });

        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(hosts.calls().on("web1").inStep("switch").size()).isEqualTo(2);
        assertThat(Optional.ofNullable(done.reason())).hasValueSatisfying(r -> assertThat(r).startsWith("v2 is current on 3 host(s)"));
    }

    private DeploymentInfo awaitEnd(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        DeploymentInfo info = deployments.info(id);
        while (info.finishedAt() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            info = deployments.info(id);
        }
        assertThat(info.finishedAt()).as("deployment %d ended", id).isNotNull();
        return info;
    }
}
