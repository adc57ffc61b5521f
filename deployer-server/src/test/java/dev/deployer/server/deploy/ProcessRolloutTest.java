package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.build.Formation;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.releases.Release;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.testing.RecordingHosts;
import dev.deployer.server.testing.RecordingHosts.Via;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessRolloutTest {
    private DeployFixture fixture;
    private RecordingHosts hosts;
    private long deployment;
    private RollingDeploy rolling;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new DeployFixture();
        hosts = fixture.hosts;
        deployment = fixture.dao.insert(fixture.app.id(), "deploy", "main", "ci", fixture.clock.instant());
        fixture.jarOnHosts(2);
        rolling = new RollingDeploy(fixture.rollout, null, new ProcessRollout(hosts, Duration.ZERO),
                new ReleasePhase(hosts, Duration.ofSeconds(5)), fixture.dao, fixture.workers,
                fixture.clock);
        hosts.when("systemctl is-active").prints("active\n");
        hosts.when("systemctl is-active -- deployer-shop-worker").prints("active\nactive\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private Release release(String procfile, Formation formation) {
        return fixture.releases.create(fixture.app, "c".repeat(40), DeployFixture.JAR_SHA, 1234, Map.of(),
                Optional.ofNullable(procfile).map(Procfile::parse), formation, dev.deployer.server.build.CronTable.NONE, "d", "ci");
    }

    private void roll(Release previous, Release target) {
        roll(previous, target, false);
    }

    private void roll(Release previous, Release target, boolean releasePhase) {
        rolling.run(new RolloutPlan(deployment, fixture.app, fixture.targets(), target, Map.of(), null, Optional.ofNullable(previous),
                Map.of(), releasePhase), new StepLog(fixture.events, deployment, "shop"));
    }

    @Test
    void theReleaseCommandRunsOnceOnTheFirstHostAfterStagingAndBeforeAnySwitch() {
        release("web: java -jar app.jar\n", Formation.NONE);
        Release v2 = release("web: java -jar app.jar\nrelease: sh -c 'echo migrating'\n", Formation.NONE);
        hosts.when("systemd-run").prints("migrating\n");

        roll(null, v2, true);

        List<String> all = hosts.calls().texts();
        List<String> phase = all.stream().filter(t -> t.startsWith("systemd-run")).toList();
        assertThat(phase).containsExactly("systemd-run --wait --pipe --collect --quiet --unit=deployer-shop@release-v2 "
                + "--property=User=shop --property=Group=shop --property=EnvironmentFile=/etc/deployer/shop/release.env "
                + "--property=Environment=JAR=/opt/deployer/shop/releases/v2/app.jar --property=StateDirectory=deployer/shop "
                + "--property=WorkingDirectory=/opt/deployer/shop/releases/v2 --property=RuntimeMaxSec=5 "
                + "--property=NoNewPrivileges=yes --property=PrivateTmp=yes --property=ProtectSystem=strict --property=ProtectHome=yes "
                + "-- sh -c echo migrating");
        assertThat(hosts.calls().on("web1").startingWith("systemd-run").size()).isEqualTo(1);
        assertThat(hosts.calls().on("web1").startingWith("systemd-run").via(Via.START).size()).as("streamed as it runs").isEqualTo(1);
        int phaseAt = all.indexOf(phase.get(0));
        assertThat(all.subList(0, phaseAt)).noneMatch(t -> t.contains("ln -s") || t.contains("systemctl restart"));
        assertThat(fixture.events.stored(deployment, 0)).anyMatch(e -> "release-phase".equals(e.step()) && "migrating".equals(e.message()));
    }

    @Test
    void aFailingReleaseCommandFailsTheDeploymentWithItsOutputAndNothingSwitches() {
        release("web: java -jar app.jar\n", Formation.NONE);
        Release v2 = release("web: java -jar app.jar\nrelease: sh -c 'exit 3'\n", Formation.NONE);
        hosts.when("systemd-run").exits(3, "", "relation users does not exist\n");

        assertThatThrownBy(() -> roll(null, v2, true)).hasMessageContaining("the release command exited with 3 on web1; nothing was switched")
                .hasMessageContaining("relation users does not exist");

        assertThat(hosts.calls().texts()).noneMatch(t -> t.contains("current") && t.startsWith("ln") || t.contains("systemctl restart"));
        assertThat(fixture.hostStates(deployment)).containsExactly("web1 failed", "web2 staged", "web3 staged");
    }

    @Test
    void whenEveryStreamSlotOfTheHostIsTakenTheReleaseCommandRunsOnceWithoutStreaming() {
        release("web: java -jar app.jar\n", Formation.NONE);
        Release v2 = release("web: java -jar app.jar\nrelease: sh -c 'echo migrating'\n", Formation.NONE);
        hosts.when(call -> call.via() == Via.START).fails(RemoteFailure.Kind.STREAMS_BUSY);
        hosts.when(call -> call.via() != Via.START && call.text().startsWith("systemd-run")).prints("migrating\nmigrated\n");

        roll(null, v2, true);

        assertThat(hosts.calls().on("web1").startingWith("systemd-run").via(Via.RUN_ALLOWING_FAILURE).size()).isEqualTo(1);
        assertThat(fixture.events.stored(deployment, 0)).filteredOn(e -> "release-phase".equals(e.step()) && "output".equals(e.outcome()))
                .extracting(e -> e.message()).containsExactly("migrating", "migrated");
    }

    @Test
    void aReleaseCommandWhoseConnectionBreaksIsNotRunAgain() {
        release("web: java -jar app.jar\n", Formation.NONE);
        Release v2 = release("web: java -jar app.jar\nrelease: sh -c 'echo migrating'\n", Formation.NONE);
        hosts.when(call -> call.via() == Via.START).fails(RemoteFailure.Kind.CONNECTION_LOST);

        assertThatThrownBy(() -> roll(null, v2, true)).hasMessageContaining("web1");

        assertThat(hosts.calls().startingWith("systemd-run").size()).as("a migration never runs twice").isEqualTo(1);
        assertThat(hosts.calls().texts()).noneMatch(t -> t.contains("systemctl restart"));
    }

    @Test
    void withoutTheReleasePhaseAskedTheReleaseCommandDoesNotRun() {
        release("web: java -jar app.jar\n", Formation.NONE);
        Release v2 = release("web: java -jar app.jar\nrelease: sh -c 'echo migrating'\n", Formation.NONE);

        roll(null, v2, false);

        assertThat(hosts.calls().texts()).noneMatch(t -> t.startsWith("systemd-run"));
    }

    @Test
    void workerInstancesStartOnEveryHostAfterWebIsHealthy() {
        release("web: java -jar app.jar\n", Formation.NONE); // v1: makes the next one v2, whose jar is on the hosts
        Release v2 = release("web: java -jar app.jar\nworker: sh -c 'echo tick'\n", Formation.NONE.with(Map.of("worker", 2)));

        roll(null, v2);

        for (String host : fixture.hostNames) {
            RecordingHosts.Calls calls = hosts.calls().on(host);
            assertThat(calls.via(Via.WRITE_FILE).texts()).anyMatch(t -> t.contains("/etc/systemd/system/deployer-shop-worker@.service"));
            assertThat(calls.afterContaining("systemctl restart -- deployer-shop.service").texts())
                    .contains("systemctl enable --no-reload -- deployer-shop-worker@1.service deployer-shop-worker@2.service"
                            + " && systemctl restart -- deployer-shop-worker@1.service deployer-shop-worker@2.service");
        }
    }

    @Test
    void instancesAboveTheFormationAndTypesNoLongerInTheProcfileStop() {
        release("web: java -jar app.jar\n", Formation.NONE);
        Release v2 = release("worker: java -cp app.jar Work\n", Formation.NONE);
        // Listed by staging's one round trip, with the rest it reads.
        hosts.when(call -> call.text().contains("systemctl list-units")).prints("/opt/deployer/shop/releases/v2 " + DeployFixture.JAR_SHA
                + "\ndeployer-shop-worker@1.service loaded active running x\n"
                + "deployer-shop-worker@2.service loaded active running x\n"
                + "deployer-shop-clock@1.service loaded failed failed x\n"
                + "deployer-shop-worker@.service\ndeployer-shop-clock@.service\n" + DeployFixture.PASSWD);
        hosts.when("systemctl is-active -- deployer-shop-worker").prints("active\n");

        roll(null, v2);

        RecordingHosts.Calls calls = hosts.calls().on("web1");
        assertThat(calls.texts()).contains("systemctl disable --now -- deployer-shop-worker@2.service deployer-shop-clock@1.service",
                "rm -f -- /etc/systemd/system/deployer-shop-clock@.service",
                "systemctl enable --no-reload -- deployer-shop-worker@1.service && systemctl restart -- deployer-shop-worker@1.service");
    }

    @Test
    void aWorkerThatIsNotActiveAfterItsStartFailsTheHostAndTheRevertStopsIt() {
        release("web: java -jar app.jar\n", Formation.NONE);
        Release v2 = release("worker: false\n", Formation.NONE);
        hosts.when("systemctl is-active -- deployer-shop-worker").exits(3, "activating\n", "");

        assertThatThrownBy(() -> roll(null, v2)).hasMessageContaining("deployer-shop-worker@1.service is activating");

        assertThat(fixture.hostStates(deployment)).containsExactly("web1 failed", "web2 staged", "web3 staged");
        assertThat(hosts.calls().on("web1").after("systemctl is-active").texts()).anyMatch(t -> t.startsWith("systemctl disable"));
    }

    @Test
    void anAppWithoutAProcfileCostsNoRoundTripOfItsOwnAndNoStep() {
        Release v1 = release(null, Formation.NONE);
        Release v2 = release(null, Formation.NONE);

        roll(v1, v2);

        // Its processes were listed with the rest staging reads: nothing more is asked of the host.
        assertThat(hosts.calls().on("web1").inStep("prepare").texts()).anyMatch(t -> t.contains("systemctl list-units"));
        assertThat(hosts.calls().on("web1").inStep("processes").isEmpty()).isTrue();
        assertThat(fixture.events.stored(deployment, 0)).noneMatch(e -> "processes".equals(e.step()));
    }
}
