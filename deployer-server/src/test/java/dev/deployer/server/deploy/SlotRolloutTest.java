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
import java.util.List;
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
        hosts.when("systemctl show --property=Id").prints(slots(true, 1, false, null) + A_LIVE);
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

    /** Calls that end by handing {@code line} to the proxy (alone, or after a command in the same round trip). */
    private RecordingHosts.Calls apiCalls(String host, String line) {
        return new RecordingHosts.Calls(hosts.calls().on(host).all().stream()
                .filter(c -> !c.words().isEmpty() && c.words().get(c.words().size() - 1).get(0).equals("/usr/bin/socat"))
                .filter(c -> c.content() != null && new String(c.content(), StandardCharsets.UTF_8).equals(line)).toList());
    }

    @Test
    void theNewReleaseStartsInTheIdleSlotAndGetsTrafficOnlyAfterItsHealthCheck() {
        run(v2, Optional.of(v1));

        for (String host : fixture.hostNames) {
            assertThat(hosts.calls().on(host).texts()).as(host)
                    .containsSubsequence("write /etc/deployer/shop/slot-b.env", "systemctl start -- deployer-shop@b.service",
                            "GET :28080/health", "systemctl is-active -- deployer-shop@b.service",
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
        hosts.when("web1", "systemctl show --property=Id").prints(slots(true, 1, true, 2) + B_LIVE);
        // Read twice before its switch: once looking for a warm standby, once as the canary.
        hosts.when("web1", "systemctl show --property=Id").once().prints(slots(true, 1, false, null) + A_LIVE);
        hosts.when("web1", "systemctl show --property=Id").once().prints(slots(true, 1, false, null) + A_LIVE);
        hosts.when(call -> call.host().equals("web1") && isApi(call, "show stat\n")).prints(B_LIVE);
        hosts.when("web2", "systemctl is-active -- deployer-shop@b.service").prints("failed\n");

        assertThatThrownBy(() -> run(v2, Optional.of(v1))).hasMessageContaining("the unit failed to start");

        assertThat(apiCalls("web1", SWITCH_TO_B).size()).isEqualTo(1);
        assertThat(apiCalls("web1", SWITCH_TO_A).size()).as("switched back").isEqualTo(1);
        assertThat(hosts.calls().on("web1").after("/usr/bin/socat").texts()).contains("systemctl stop -- deployer-shop@b.service");
        assertThat(apiCalls("web2", SWITCH_TO_B).isEmpty()).isTrue();
        assertThat(fixture.hostStates(deployment)).contains("web1 reverted", "web2 failed");
    }

    /** b runs v2 and is live; a is the warm standby with exactly v1 (same jar, env file and unit), its timer armed. */
    private void standbyAWarmWithV1() throws Exception {
        hosts.when("systemctl show --property=Id").prints(slots(true, 1, true, 2).replace(
                "Id=deployer-shop@standby.timer\nActiveState=inactive\n",
                "Id=deployer-shop@standby.timer\nActiveState=active\nNextElapseUSecRealtime=Tue 2026-12-01 13:40:09 UTC\n")
                + B_LIVE);
        hosts.when(call -> isApi(call, "show stat\n")).prints(A_LIVE);
        hosts.when("sha256sum -- /etc/deployer/shop/slot-a.env").prints(sha256(EnvFile.render(Map.of(), 18080)) + "  env\n"
                + sha256(SystemdUnit.forSlot(v1.unitText(), "shop").getBytes(StandardCharsets.UTF_8)) + "  unit\n"
                + v1.artifactSha256() + "\n");
    }

    @Test
    void aRollbackToTheWarmStandbyIsAProxySwitchOnEveryHostAtOnceAndStartsNoJvm() throws Exception {
        standbyAWarmWithV1();
        Release v3 = fixture.newRelease("rollback to v1");

        assertThat(run(v3, Optional.of(v2))).as("hosts that received bytes").isZero();

        for (String host : fixture.hostNames) {
            assertThat(apiCalls(host, SWITCH_TO_A).size()).as(host).isEqualTo(1);
            assertThat(hosts.calls().on(host).texts()).as(host).noneMatch(t -> t.startsWith("systemctl start"))
                    .noneMatch(t -> t.startsWith("write /etc/deployer/shop/slot-"))
                    .noneMatch(t -> t.startsWith("find /opt/deployer/shop/releases"))
                    .as(host + ": the standby's jar known by its sum file, not hashed")
                    .noneMatch(t -> t.startsWith("sha256sum -- /opt/deployer/shop/releases/v1/app.jar"));
            assertThat(hosts.calls().on(host).startingWith("systemctl stop -- deployer-shop@standby.timer && /usr/bin/socat").size())
                    .as(host + ": the timer cancelled and traffic switched in one round trip").isEqualTo(1);
            assertThat(hosts.calls().on(host).texts()).as(host + ": v3's jar is the standby's, linked")
                    .anyMatch(t -> t.contains("ln -f -T -- /opt/deployer/shop/releases/v1/app.jar /opt/deployer/shop/releases/v3/app.jar"));
            assertThat(hosts.calls().on(host).via(RecordingHosts.Via.UPLOAD).isEmpty()).isTrue();
        }
        int lastProbe = lastIndex("sha256sum");
        for (String host : fixture.hostNames) {
            assertThat(firstIndex(host, "systemctl stop -- deployer-shop@standby.timer && /usr/bin/socat"))
                    .as("no canary: " + host + " switches only after every host was found warm").isGreaterThan(lastProbe);
        }
        assertThat(fixture.hostStates(deployment)).containsOnly("web1 healthy", "web2 healthy", "web3 healthy");
    }

    @Test
    void aStandbyJarPlacedBeforeSumFilesIsHashedAndStillTakenForWarm() throws Exception {
        standbyAWarmWithV1();
        hosts.when("sha256sum -- /etc/deployer/shop/slot-a.env").exits(1, sha256(EnvFile.render(Map.of(), 18080)) + "  env\n"
                + sha256(SystemdUnit.forSlot(v1.unitText(), "shop").getBytes(StandardCharsets.UTF_8)) + "  unit\n",
                "cat: /opt/deployer/shop/releases/v1/app.jar.sha256: No such file or directory");
        hosts.when("sha256sum -- /opt/deployer/shop/releases/v1/app.jar").prints(v1.artifactSha256() + "  jar\n");

        run(fixture.newRelease("rollback to v1"), Optional.of(v2));

        assertThat(apiCalls("web1", SWITCH_TO_A).size()).isEqualTo(1);
        assertThat(hosts.calls().on("web1").texts()).noneMatch(t -> t.startsWith("systemctl start"));
    }

    @Test
    void aWarmSwitchThatFailsOnOneHostPutsEveryHostBackOnTheSlotItHad() throws Exception {
        standbyAWarmWithV1();
        for (String host : List.of("web1", "web2")) {
            // After its switch, a host's proxy reports a live (v1) and b (v2) still up.
            String a = A_LIVE.replace("slots,b,0,0,0,0,,0,0,0,,0,,0,0,0,0,MAINT", "slots,b,0,0,0,0,,0,0,0,,0,,0,0,0,0,DRAIN");
            hosts.when(host, "systemctl show --property=Id").prints(slots(true, 1, true, 2) + a);
            hosts.when(host, "systemctl show --property=Id").once().prints(slots(true, 1, true, 2) + B_LIVE);
        }
        hosts.when(call -> call.host().equals("web3") && call.text().startsWith("systemctl stop -- deployer-shop@standby.timer"))
                .exits(5, "", "Failed to stop deployer-shop@standby.timer: Unit deployer-shop@standby.timer not loaded.");
        Release v3 = fixture.newRelease("rollback to v1");

        assertThatThrownBy(() -> run(v3, Optional.of(v2))).hasMessageContaining("web3");

        for (String host : List.of("web1", "web2")) {
            assertThat(apiCalls(host, SWITCH_TO_A).size()).as(host + " switched").isEqualTo(1);
            assertThat(apiCalls(host, SWITCH_TO_B).size()).as(host + " back on b").isEqualTo(1);
        }
        assertThat(hosts.calls().on("web3").texts()).as("web3 never switched, so nothing to put back")
                .noneMatch(t -> t.startsWith("write /etc/deployer/shop/haproxy.cfg.new"));
        assertThat(hosts.calls().on("web1").texts()).as("no file names v3 on a host put back")
                .noneMatch(t -> t.contains("releases/v3"));
        assertThat(fixture.hostStates(deployment)).contains("web1 reverted", "web2 reverted", "web3 failed");
    }

    @Test
    void aRollbackWhereOneHostHasNoWarmStandbyStagesAndStartsItThereLikeADeploy() throws Exception {
        standbyAWarmWithV1();
        hosts.when("web2", "systemctl show --property=Id").prints(slots(false, 1, true, 2) + B_LIVE);
        Release v3 = fixture.newRelease("rollback to v1");

        run(v3, Optional.of(v2));

        assertThat(hosts.calls().on("web2").texts()).contains("systemctl start -- deployer-shop@a.service");
        assertThat(hosts.calls().on("web1").texts()).as("the canary is still switched to its warm slot")
                .noneMatch(t -> t.startsWith("systemctl start"));
        assertThat(apiCalls("web1", SWITCH_TO_A).size()).isEqualTo(1);
    }

    private int firstIndex(String host, String prefix) {
        List<RecordingHosts.Call> all = hosts.calls().all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).host().equals(host) && all.get(i).text().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private int lastIndex(String prefix) {
        List<RecordingHosts.Call> all = hosts.calls().all();
        int last = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).text().startsWith(prefix)) {
                last = i;
            }
        }
        return last;
    }

    @Test
    void aStandbyThatRunsAnotherConfigIsNotTakenForWarm() throws Exception {
        hosts.when("systemctl show --property=Id").prints(slots(true, 1, true, 2) + B_LIVE);
        hosts.when(call -> isApi(call, "show stat\n")).prints(B_LIVE);
        hosts.when("sha256sum -- /etc/deployer/shop/slot-a.env").prints(sha256("other config".getBytes(StandardCharsets.UTF_8))
                + "  env\n" + sha256(SystemdUnit.forSlot(v1.unitText(), "shop").getBytes(StandardCharsets.UTF_8)) + "  unit\n"
                + v1.artifactSha256() + "\n");

        run(v1, Optional.of(v2));

        assertThat(hosts.calls().on("web1").texts()).contains("systemctl stop -- deployer-shop@a.service",
                "systemctl start -- deployer-shop@a.service");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
