package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.remote.SystemdUnit;
import dev.deployer.server.testing.RecordingHosts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Zero-downtime on a recording fake of three hosts where slot a runs v1 and takes the traffic:
 * what reaches the proxy, in which order, and what never does when something fails.
 */
class SlotRolloutTest {
    private static final String HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,"
            + "wretr,wredis,status\n";
    private static final String A_LIVE = HEADER + "slots,a,0,0,0,1,,10,0,0,,0,,0,0,0,0,no check\n"
            + "slots,b,0,0,0,0,,0,0,0,,0,,0,0,0,0,MAINT\nslots,BACKEND,0,0,0,1,,10,0,0,0,0,,0,0,0,0,UP\n";
    private static final String B_LIVE = HEADER + "slots,a,0,0,0,1,,10,0,0,,0,,0,0,0,0,DRAIN\n"
            + "slots,b,0,0,0,0,,0,0,0,,0,,0,0,0,0,no check\nslots,BACKEND,0,0,0,1,,10,0,0,0,0,,0,0,0,0,UP\n";
    private static final String SWITCH_TO_B = "set server slots/b state ready; set server slots/a state drain\n";
    private static final String SWITCH_TO_A = "set server slots/a state ready; set server slots/b state drain\n";

    private DeployFixture fixture;
    private RecordingHosts hosts;
    private RollingDeploy rolling;
    private Release v1;
    private Release v2;
    private long deployment;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new DeployFixture(1);
        hosts = fixture.hosts;
        rolling = new RollingDeploy(fixture.rollout, new SlotRollout(hosts, fixture.health, fixture.clock), fixture.dao,
                fixture.workers, fixture.clock);
        v1 = fixture.newRelease("v1");
        v2 = fixture.newRelease("v2");
        deployment = fixture.dao.insert(fixture.app.id(), "deploy", "main", "ci", fixture.clock.instant());
        fixture.jarOnHosts(2);
        hosts.when("systemctl is-active").prints("active\n");
        hosts.when("systemctl show --property=Id").prints(slots(true, 1, false, null));
        hosts.when(call -> isApi(call, "show stat\n")).prints(A_LIVE);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static boolean isApi(RecordingHosts.Call call, String line) {
        return call.text().startsWith("/usr/bin/socat") && call.content() != null
                && new String(call.content(), StandardCharsets.UTF_8).equals(line);
    }

    private static String slots(boolean aActive, Integer aVersion, boolean bActive, Integer bVersion) {
        return "Id=deployer-shop@a.service\nActiveState=" + (aActive ? "active" : "inactive") + "\nMainPID=11\n\n"
                + "Id=deployer-shop@b.service\nActiveState=" + (bActive ? "active" : "inactive") + "\nMainPID=22\n\n"
                + "Id=deployer-shop@standby.timer\nActiveState=inactive\n"
                + (aVersion == null ? "" : "slot-a releases/v" + aVersion + "\n")
                + (bVersion == null ? "" : "slot-b releases/v" + bVersion + "\n");
    }

    private int run(Release target, Optional<Release> previous) {
        RolloutPlan plan = new RolloutPlan(deployment, fixture.app, fixture.targets(), target, Map.of(), null, previous, Map.of());
        return rolling.run(plan, new StepLog(fixture.events, deployment, "shop"));
    }

    private RecordingHosts.Calls apiCalls(String host, String line) {
        return new RecordingHosts.Calls(hosts.calls().on(host).all().stream().filter(c -> isApi(c, line)).toList());
    }

    @Test
    void theNewReleaseStartsInTheIdleSlotAndGetsTrafficOnlyAfterItsHealthCheck() {
        run(v2, Optional.of(v1));

        for (String host : fixture.hostNames) {
            assertThat(hosts.calls().on(host).texts()).as(host)
                    .containsSubsequence("write /etc/deployer/shop/slot-b.env", "systemctl start -- deployer-shop@b.service",
                            "systemctl is-active -- deployer-shop@b.service", "GET :28080/health",
                            "write /etc/deployer/shop/haproxy.cfg.new");
            assertThat(apiCalls(host, SWITCH_TO_B).size()).as(host).isEqualTo(1);
            assertThat(hosts.calls().on(host).after("GET :28080/health").texts()).as("the config names b live before the switch")
                    .anyMatch(t -> t.contains("/usr/sbin/haproxy -c -q -f /etc/deployer/shop/haproxy.cfg.new"));
            assertThat(hosts.calls().on(host).texts()).noneMatch(t -> t.startsWith("systemctl stop -- deployer-shop@a.service"));
        }
    }

    @Test
    void aNewSlotThatFailsItsHealthCheckNeverGetsTrafficAndIsStoppedWithItsJournalInTheReason() {
        hosts.when("systemctl is-active -- deployer-shop@b.service").prints("failed\n");
        hosts.when("journalctl --unit deployer-shop@b.service").prints("Exception: port in use\n");

        assertThatThrownBy(() -> run(v2, Optional.of(v1))).hasMessageContaining("the unit failed to start")
                .hasMessageContaining("Exception: port in use");

        assertThat(apiCalls("web1", SWITCH_TO_B).isEmpty()).isTrue();
        assertThat(hosts.calls().on("web1").texts()).noneMatch(t -> t.startsWith("write /etc/deployer/shop/haproxy.cfg"))
                .contains("systemctl stop -- deployer-shop@b.service");
        assertThat(hosts.calls().on("web2").texts()).as("the canary failed: no other host starts anything")
                .noneMatch(t -> t.startsWith("systemctl start"));
    }

    @Test
    void aHostThatFailsAfterTheCanarySwitchedPutsTheCanaryBackOnTheOldSlot() {
        // web1 switches to b; web2's new slot fails; web1's proxy then reports b live and must go back to a.
        hosts.when("web1", "systemctl show --property=Id").prints(slots(true, 1, true, 2));
        hosts.when("web1", "systemctl show --property=Id").once().prints(slots(true, 1, false, null));
        hosts.when(call -> call.host().equals("web1") && isApi(call, "show stat\n")).prints(B_LIVE);
        hosts.when(call -> call.host().equals("web1") && isApi(call, "show stat\n")).once().prints(A_LIVE);
        hosts.when("web2", "systemctl is-active -- deployer-shop@b.service").prints("failed\n");

        assertThatThrownBy(() -> run(v2, Optional.of(v1))).hasMessageContaining("the unit failed to start");

        assertThat(apiCalls("web1", SWITCH_TO_B).size()).isEqualTo(1);
        assertThat(apiCalls("web1", SWITCH_TO_A).size()).as("switched back").isEqualTo(1);
        assertThat(hosts.calls().on("web1").after("/usr/bin/socat").texts()).contains("systemctl stop -- deployer-shop@b.service");
        assertThat(apiCalls("web2", SWITCH_TO_B).isEmpty()).isTrue();
        assertThat(fixture.hostStates(deployment)).contains("web1 reverted", "web2 failed");
    }

    @Test
    void aRollbackToTheWarmStandbyIsAProxySwitchAndStartsNoJvm() throws Exception {
        // b runs v2 and is live; a is the warm standby with exactly v1 (same jar, env file and unit), its timer armed.
        hosts.when("systemctl show --property=Id").prints(slots(true, 1, true, 2).replace(
                "Id=deployer-shop@standby.timer\nActiveState=inactive\n",
                "Id=deployer-shop@standby.timer\nActiveState=active\nNextElapseUSecRealtime=Tue 2026-12-01 13:40:09 UTC\n"));
        hosts.when(call -> isApi(call, "show stat\n")).prints(B_LIVE);
        hosts.when("sha256sum -- /opt/deployer/shop/releases/v1/app.jar").prints(v1.artifactSha256() + "  jar\n"
                + sha256(EnvFile.render(Map.of(), 18080)) + "  env\n"
                + sha256(SystemdUnit.forSlot(v1.unitText(), "shop").getBytes(StandardCharsets.UTF_8)) + "  unit\n");

        run(v1, Optional.of(v2));

        for (String host : fixture.hostNames) {
            assertThat(apiCalls(host, SWITCH_TO_A).size()).as(host).isEqualTo(1);
            assertThat(hosts.calls().on(host).texts()).as(host).noneMatch(t -> t.startsWith("systemctl start"))
                    .noneMatch(t -> t.startsWith("write /etc/deployer/shop/slot-"))
                    .contains("systemctl stop -- deployer-shop@standby.timer");
            assertThat(hosts.calls().on(host).after("systemctl stop -- deployer-shop@standby.timer").texts()).as(host + ": traffic first")
                    .first().asString().startsWith("/usr/bin/socat");
            assertThat(hosts.calls().on(host).via(RecordingHosts.Via.UPLOAD).isEmpty()).isTrue();
        }
    }

    @Test
    void aStandbyThatRunsAnotherConfigIsNotTakenForWarm() throws Exception {
        hosts.when("systemctl show --property=Id").prints(slots(true, 1, true, 2));
        hosts.when(call -> isApi(call, "show stat\n")).prints(B_LIVE);
        hosts.when("sha256sum -- /opt/deployer/shop/releases/v1/app.jar").prints(v1.artifactSha256() + "  jar\n"
                + sha256("other config".getBytes(StandardCharsets.UTF_8)) + "  env\n"
                + sha256(SystemdUnit.forSlot(v1.unitText(), "shop").getBytes(StandardCharsets.UTF_8)) + "  unit\n");

        run(v1, Optional.of(v2));

        assertThat(hosts.calls().on("web1").texts()).contains("systemctl stop -- deployer-shop@a.service",
                "systemctl start -- deployer-shop@a.service");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
