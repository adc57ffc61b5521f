package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.build.CronTable;
import dev.deployer.server.build.Formation;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.releases.Release;
import dev.deployer.server.testing.RecordingHosts;
import dev.deployer.server.testing.RecordingHosts.Via;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CronRolloutTest {
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
        rolling = new RollingDeploy(fixture.rollout, null, new ProcessRollout(hosts, Duration.ZERO), null, fixture.dao, fixture.workers,
                fixture.clock);
        hosts.when("systemctl is-active").prints("active\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private Release release(String appJson) {
        return fixture.releases.create(fixture.app, "c".repeat(40), DeployFixture.JAR_SHA, 1234, Map.of(),
                Optional.of(Procfile.parse("web: java -jar app.jar\n")), Formation.NONE,
                appJson == null ? CronTable.NONE : CronTable.parse(appJson), "d", "ci");
    }

    private void roll(Release previous, Release target) {
        rolling.run(new RolloutPlan(deployment, fixture.app, fixture.targets(), target, Map.of(), null, Optional.ofNullable(previous),
                Map.of(), false), new StepLog(fixture.events, deployment, "shop"));
    }

    @Test
    void anEntryGetsItsServiceAndTimerOnTheFirstHostOnlyOnceWebServesThere() {
        release(null);
        Release v2 = release("{\"cron\": [{\"command\": \"sh -c 'echo cron-ran'\", \"schedule\": \"*/5 * * * *\"}]}");

        roll(null, v2);

        RecordingHosts.Calls first = hosts.calls().on("web1");
        assertThat(first.via(Via.WRITE_FILE).texts()).anyMatch(t -> t.contains("/etc/systemd/system/deployer-shop@cron-1.service"))
                .anyMatch(t -> t.contains("/etc/systemd/system/deployer-shop@cron-1.timer"));
        assertThat(first.afterContaining("systemctl restart -- deployer-shop.service").texts()).contains("systemctl daemon-reload"
                + " && systemctl enable --no-reload -- deployer-shop@cron-1.timer && systemctl restart -- deployer-shop@cron-1.timer");
        for (String other : new String[] {"web2", "web3"}) {
            assertThat(hosts.calls().on(other).texts()).noneMatch(t -> t.contains("cron-1"));
        }
    }

    @Test
    void anEntryNamingAHostRunsThereAndNowhereElse() {
        release(null);
        Release v2 = release("{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 3 * * *\", \"host\": \"web2\"}]}");

        roll(null, v2);

        assertThat(hosts.calls().on("web2").texts()).anyMatch(t -> t.contains("systemctl restart -- deployer-shop@cron-1.timer"));
        assertThat(hosts.calls().on("web1").texts()).noneMatch(t -> t.contains("cron-1"));
    }

    @Test
    void aReleaseWithoutTheEntryStopsItsTimerAndServiceAndRemovesTheirFiles() {
        Release v1 = release("{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 3 * * *\"}]}");
        Release v2 = release(null);
        // Listed by staging's one round trip, with the rest it reads.
        hosts.when(call -> call.text().contains("-name deployer-shop@cron-*")).prints("/opt/deployer/shop/releases/v2 "
                + DeployFixture.JAR_SHA + "\ndeployer-shop@cron-1.service\ndeployer-shop@cron-1.timer\ndeployer-shop@cron-x.service\n"
                + DeployFixture.PASSWD);

        roll(v1, v2);

        assertThat(hosts.calls().on("web1").texts()).contains("systemctl stop -- deployer-shop@cron-1.timer deployer-shop@cron-1.service",
                "rm -f -- /etc/systemd/system/deployer-shop@cron-1.service /etc/systemd/system/deployer-shop@cron-1.timer "
                        + "/etc/systemd/system/timers.target.wants/deployer-shop@cron-1.timer && systemctl daemon-reload")
                .noneMatch(t -> t.contains("cron-x"));
    }

    @Test
    void anUnchangedEntryRestartsItsTimerWithoutRewritingOrReloading() {
        Release v1 = release("{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 3 * * *\"}]}");
        hosts.when("cat -- /etc/systemd/system/deployer-shop@cron-1.service")
                .prints(dev.deployer.server.remote.SystemdUnit.forCron("shop", 1, java.util.List.of("true")));
        hosts.when("cat -- /etc/systemd/system/deployer-shop@cron-1.timer")
                .prints(dev.deployer.server.remote.SystemdUnit.cronTimer("shop", 1, "*-*-* 3:0:00"));

        roll(null, v1);

        RecordingHosts.Calls first = hosts.calls().on("web1").inStep("cron");
        assertThat(first.via(Via.WRITE_FILE).texts()).noneMatch(t -> t.contains("cron-1"));
        assertThat(first.texts()).contains("systemctl enable --no-reload -- deployer-shop@cron-1.timer && systemctl restart -- deployer-shop@cron-1.timer");
    }
}
