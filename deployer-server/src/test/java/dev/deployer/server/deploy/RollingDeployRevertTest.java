package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.TestDatabase;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a rollout can fail once a host was touched ends with every touched host back on the previous release. */
class RollingDeployRevertTest {
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final TestDatabase.Named db = TestDatabase.h2();
    private final DeploymentDao realDao = db.jdbi().onDemand(DeploymentDao.class);
    private final List<HostTarget> hosts = IntStream.rangeClosed(1, 3)
            .mapToObj(i -> new HostTarget("web" + i, "10.0.0." + i, 22, "root", "ssh-ed25519 AAAA", "SHA256:x")).toList();
    private final App app = new App(1, "shop", null, "main", 8080, "", 17, "/health", 60, null, null, 900, 5, null,
            hosts.stream().map(HostTarget::name).toList(), Instant.now(), 512);
    private final long deployment;

    RollingDeployRevertTest() {
        long appId = Rows.app(db.jdbi(), "shop");
        hosts.forEach(h -> Rows.host(db.jdbi(), h.name()));
        deployment = realDao.insert(appId, "deploy", "main", "ci", Instant.now());
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private static Release release(int version) {
        return new Release(version, 1, version, "c" + version, "a".repeat(64), 1, "", "[Unit]", "d", "pending", "ci",
                Instant.now(), null, null, null);
    }

    private RolloutPlan plan() {
        return new RolloutPlan(deployment, app, hosts, release(2), Map.of(), null, Optional.of(release(1)), Map.of());
    }

    private StepLog log() {
        return new StepLog(new DeploymentEvents(realDao, Clock.systemUTC()), deployment, "shop");
    }

    private void startOnV1(RecordingRollout rollout) {
        hosts.forEach(h -> rollout.running.put(h.name(), 1));
    }

    @Test
    void aHealthFailureOnTheCanaryPutsTheCanaryBack() {
        RecordingRollout rollout = new RecordingRollout().failing((host, step) -> {
            if (host.equals("web1") && step.equals("activate v2")) {
                throw new IllegalStateException("not healthy");
            }
        });
        startOnV1(rollout);

        assertThatThrownBy(() -> new RollingDeploy(rollout, realDao, workers, Clock.systemUTC()).run(plan(), log()))
                .hasMessageContaining("not healthy");

        assertThat(rollout.versionOn("web1")).isEqualTo(1);
        assertThat(rollout.calls).doesNotContain("web2 activate v2", "web3 activate v2");
        assertThat(realDao.hosts(deployment)).extracting(s -> s.host() + " " + s.state())
                .containsExactly("web1 failed", "web2 staged", "web3 staged");
    }

    @Test
    void aFailureInTheSecondBatchPutsTheCanaryAndTheWholeBatchBack() {
        RecordingRollout rollout = new RecordingRollout().failing((host, step) -> {
            if (host.equals("web3") && step.equals("activate v2")) {
                throw new IllegalStateException("unit failed to start");
            }
        });
        startOnV1(rollout);

        assertThatThrownBy(() -> new RollingDeploy(rollout, realDao, workers, Clock.systemUTC()).run(plan(), log()))
                .hasMessageContaining("unit failed to start");

        hosts.forEach(h -> assertThat(rollout.versionOn(h.name())).as(h.name()).isEqualTo(1));
        assertThat(realDao.hosts(deployment)).extracting(s -> s.host() + " " + s.state())
                .containsExactly("web1 reverted", "web2 reverted", "web3 failed");
    }

    @Test
    void aRecordingThatThrowsNeverSkipsTheRevert() {
        // The database refuses every host state (a reason too long for its column, a lost connection...).
        DeploymentDao refusing = (DeploymentDao) Proxy.newProxyInstance(DeploymentDao.class.getClassLoader(),
                new Class<?>[] {DeploymentDao.class}, (proxy, method, args) -> {
                    if (method.getName().equals("hostState")) {
                        throw new IllegalStateException("Value too long for column \"MESSAGE CHARACTER VARYING(4000)\"");
                    }
                    return method.invoke(realDao, args);
                });
        RecordingRollout rollout = new RecordingRollout().failing((host, step) -> {
            if (host.equals("web2") && step.equals("activate v2")) {
                throw new IllegalStateException("x".repeat(20_000));
            }
        });
        startOnV1(rollout);

        assertThatThrownBy(() -> new RollingDeploy(rollout, refusing, workers, Clock.systemUTC()).run(plan(), log()))
                .isInstanceOf(IllegalStateException.class);

        hosts.forEach(h -> assertThat(rollout.versionOn(h.name())).as(h.name()).isEqualTo(1));
    }

    @Test
    void anInterruptWhileHostsActivateWaitsForTheirStepsThenPutsThemBack() throws Exception {
        CountDownLatch activating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingRollout rollout = new RecordingRollout().failing((host, step) -> {
            if (step.equals("activate v2")) {
                activating.countDown();
                try {
                    release.await(); // a restart in progress that the interrupt does not cut short
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        startOnV1(rollout);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<?> run = caller.submit(() -> new RollingDeploy(rollout, realDao, workers, Clock.systemUTC()).run(plan(), log()));
        assertThat(activating.await(5, TimeUnit.SECONDS)).isTrue();

        caller.shutdownNow(); // the server is stopping: the deployment thread is interrupted
        Thread.sleep(200);
        release.countDown();

        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasMessageContaining("the server is stopping");
        assertThat(rollout.calls).containsSubsequence("web1 activate v2", "web1 activate v1");
        assertThat(rollout.versionOn("web1")).isEqualTo(1);
        assertThat(rollout.calls).doesNotContain("web2 activate v2");
    }

    @Test
    void aFailedFirstDeployRetiresTheTouchedHosts() {
        RecordingRollout rollout = new RecordingRollout().failing((host, step) -> {
            if (host.equals("web2") && step.equals("activate v2")) {
                throw new IllegalStateException("port in use");
            }
        });
        RolloutPlan first = new RolloutPlan(deployment, app, hosts, release(2), Map.of(), null, Optional.empty(), Map.of());

        assertThatThrownBy(() -> new RollingDeploy(rollout, realDao, workers, Clock.systemUTC()).run(first, log()))
                .hasMessageContaining("port in use");

        hosts.forEach(h -> assertThat(rollout.versionOn(h.name())).as(h.name()).isZero());
    }
}
