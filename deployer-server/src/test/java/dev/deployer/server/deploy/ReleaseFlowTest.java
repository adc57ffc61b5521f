package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.Role;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.build.Builder;
import dev.deployer.server.build.ProcessFactory;
import dev.deployer.server.releases.Release;
import dev.deployer.server.repos.AppRepositories;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.storage.DataDir;
import dev.deployer.server.testing.RecordingHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deploy, rollback and a config release each start the right kind of run, and make the right release (audit is the resources' job). */
class ReleaseFlowTest {
    private final DeployFixture fixture;
    private final RecordingHosts hosts;
    private final ReleaseFlow flow;
    private final java.util.concurrent.ExecutorService statusReads = Executors.newFixedThreadPool(2);
    private final Caller alice = new Caller("alice", Role.DEPLOYER);

    ReleaseFlowTest() throws Exception {
        fixture = new DeployFixture();
        hosts = fixture.hosts;
        hosts.when("systemctl is-active").prints("active\n");
        DataDir dataDir = DataDir.open(Files.createTempDirectory("release-flow"));
        Builder builder = new Builder(fixture.artifacts, dataDir, dataDir.mavenRepository(), 1, Map.of(), ProcessFactory.SYSTEM);
        flow = new ReleaseFlow(fixture.apps, fixture.deployments, fixture.releases, fixture.configVars, fixture.artifacts,
                new AppRepositories(dataDir), builder,
                new AppStatusReader(hosts, fixture.targets, statusReads));
    }

    @AfterEach
    void close() {
        statusReads.shutdownNow();
        fixture.close();
    }

    @Test
    void aRollbackWithoutAVersionCopiesTheLastGoodReleaseAndUploadsNothing() throws Exception {
        fixture.deployed(fixture.newRelease("first"));
        fixture.deployed(fixture.newRelease("second"));
        fixture.jarOnHosts(1);

        ReleaseFlow.RollbackStarted started = flow.rollback(fixture.app, null, alice, false);
        DeploymentInfo done = awaitEnd(started.deployment());

        assertThat(done).extracting(DeploymentInfo::kind, DeploymentInfo::status, DeploymentInfo::version)
                .containsExactly("rollback", "succeeded", 3);
        Release v3 = fixture.releaseDao.findVersion(fixture.app.id(), 3).orElseThrow();
        Release v1 = fixture.releaseDao.findVersion(fixture.app.id(), 1).orElseThrow();
        assertThat(v3.description()).isEqualTo("rollback to v1");
        assertThat(v3.configSnapshot()).isEqualTo(v1.configSnapshot());
        assertThat(hosts.calls().via(RecordingHosts.Via.UPLOAD).isEmpty()).isTrue();
        for (String host : fixture.hostNames) {
            assertThat(hosts.calls().on(host).after("mkdir -p -m 0755 -- /opt/deployer/shop/releases/v3").texts()).as(host)
                    .anyMatch(t -> t.matches("ln -f -T -- /opt/deployer/shop/releases/v1/app.jar "
                            + "/opt/deployer/shop/releases/v3/app.jar.deployer-tmp-[0-9a-f]{12} && mv .*"))
                    .anyMatch(t -> t.contains("ln -s -T -- releases/v3 /opt/deployer/shop/current.deployer-tmp-"));
        }
        assertThat(started.source().version()).as("the release copied, which the audit entry names").isEqualTo(1);
    }

    @Test
    void aRollbackWithNoGoodReleaseBeforeTheCurrentOneIsRefusedAndStartsNothing() throws Exception {
        fixture.deployed(fixture.newRelease("only"));
        int calls = hosts.calls().size();

        assertThatThrownBy(() -> flow.rollback(fixture.app, null, alice, false))
                .hasMessageContaining("has no good release before v1");

        assertThat(hosts.calls().size()).isEqualTo(calls);
    }

    @Test
    void aConfigChangeWithRestartReleasesTheCurrentArtifactWithTheNewConfig() throws Exception {
        Release v1 = fixture.newRelease("first");
        fixture.deployed(v1);
        fixture.configVars.set(fixture.app.id(), Map.of("GREETING", Secret.of("hello")));

        flow.configChanged(fixture.app, alice, new java.util.TreeSet<>(Set.of("GREETING")), true);

        DeploymentInfo done = awaitLatest();
        assertThat(done).extracting(DeploymentInfo::kind, DeploymentInfo::status, DeploymentInfo::version)
                .containsExactly("config", "succeeded", 2);
        Release v2 = fixture.releaseDao.findVersion(fixture.app.id(), 2).orElseThrow();
        assertThat(v2.artifactSha256()).isEqualTo(v1.artifactSha256());
        assertThat(v2.description()).isEqualTo("config change: GREETING");
        assertThat(fixture.configVars.openSnapshot(v2.configSnapshot())).containsOnlyKeys("GREETING");
        for (String host : fixture.hostNames) {
            List<RecordingHosts.Call> envWrites = hosts.calls().on(host).startingWith("write /etc/deployer/shop.env").all();
            assertThat(new String(envWrites.get(envWrites.size() - 1).content(), StandardCharsets.UTF_8)).as(host)
                    .contains("\nGREETING=\"hello\"\n");
        }
    }

    @Test
    void aConfigChangeWithoutRestartStartsNoDeployment() throws Exception {
        DeploymentInfo first = fixture.deployed(fixture.newRelease("first"));
        int calls = hosts.calls().size();

        flow.configChanged(fixture.app, alice, new java.util.TreeSet<>(Set.of("GREETING")), false);

        Thread.sleep(100);
        assertThat(awaitLatest().id()).isEqualTo(first.id());
        assertThat(hosts.calls().size()).isEqualTo(calls);
    }

    @Test
    void aDeployOfAnUnknownRefRecordsTheRefAndTouchesNoHost() throws Exception {
        DeploymentInfo done = awaitEnd(flow.deploy(fixture.app, "no-such-ref", alice, false));

        assertThat(done).extracting(DeploymentInfo::kind, DeploymentInfo::ref, DeploymentInfo::status, DeploymentInfo::createdBy)
                .containsExactly("deploy", "no-such-ref", "failed", "alice");
        assertThat(done.reason()).contains("no ref 'no-such-ref'");
        assertThat(hosts.calls().isEmpty()).isTrue();
    }

    private DeploymentInfo awaitLatest() throws InterruptedException {
        long id = fixture.db.jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM deployments").mapTo(Long.class).one());
        return awaitEnd(fixture.deployments.info(id));
    }

    private DeploymentInfo awaitEnd(DeploymentInfo started) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        DeploymentInfo info = fixture.deployments.info(started.id());
        while (info.finishedAt() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            info = fixture.deployments.info(started.id());
        }
        assertThat(info.finishedAt()).as("deployment %d ended", started.id()).isNotNull();
        return info;
    }
}
