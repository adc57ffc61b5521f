package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeployPlan;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.CronTable;
import dev.deployer.server.build.Formation;
import dev.deployer.server.build.ProcessFactory;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.testing.RecordingHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A dry run's per-host plan from recorded host answers: what it says, and that every call it makes is a read. */
class HostPlannerTest {
    private static final String NEW_SHA = "b".repeat(64);
    /** Words that change a host: no call of a dry run may hold one. */
    private static final Set<String> WRITES = Set.of("mkdir", "ln", "mv", "rm", "install", "dd", "chmod", "chown", "useradd", "zstd",
            "systemd-run", "start", "stop", "restart", "enable", "disable", "daemon-reload", "reload", "kill", "tee", "cp", "touch");

    private DeployFixture fixture;
    private RecordingHosts hosts;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new DeployFixture();
        hosts = fixture.hosts;
        fixture.newRelease("v1"); // the drafts are v2
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private App app(String strategy) {
        fixture.db.jdbi().useHandle(h -> h.execute("UPDATE apps SET strategy = ? WHERE id = ?", strategy, fixture.app.id()));
        return fixture.apps.require("shop");
    }

    private Release draft(App app, Optional<Procfile> procfile) {
        return draft(app, procfile, 5_000_000);
    }

    private Release draft(App app, Optional<Procfile> procfile, long jarBytes) {
        return fixture.releases.draft(app, "d".repeat(40), NEW_SHA, jarBytes, procfile, Formation.NONE, CronTable.NONE, "ci");
    }

    private HostPlanner planner(boolean slots, DeltaTransfer delta) {
        return new HostPlanner(hosts, slots ? new SlotRollout(hosts, fixture.health, fixture.clock) : null, delta);
    }

    private void hostHolds(String envText, String unitText) {
        hosts.when("readlink -- /opt/deployer/shop/current").prints("releases/v1\n");
        fixture.jarOnHosts(1);
        hosts.when("cat -- /etc/deployer/shop.env").prints(envText);
        hosts.when("cat -- /etc/systemd/system/deployer-shop.service").prints(unitText);
        hosts.when("systemctl show --property=ActiveState").prints("ActiveState=active\nActiveEnterTimestamp=x\n");
    }

    private void assertOnlyReads() {
        assertThat(hosts.calls().all()).isNotEmpty().allSatisfy(call -> {
            assertThat(call.via()).as(call.toString()).isIn(RecordingHosts.Via.RUN_ALLOWING_FAILURE, RecordingHosts.Via.FORWARD_GET);
            call.words().forEach(words -> assertThat(words).as(call.toString()).doesNotContainAnyElementsOf(WRITES));
        });
    }

    @Test
    void restartStrategyPlanNamesEnvKeysUnitDiffWholeJarAndTheRestartWithReadsOnly() {
        App app = app("restart");
        Release target = draft(app, Optional.empty());
        String oldEnv = new String(EnvFile.render(Map.of("GREETING", Secret.of("old-greeting-value"), "GONE", Secret.of("gone-value"),
                "SAME", Secret.of("same-value")), app.port()), StandardCharsets.UTF_8);
        hostHolds(oldEnv, target.unitText().replace("-jar", "-Xmx32m -jar"));
        Map<String, Secret> config = Map.of("GREETING", Secret.of("new-greeting-value"), "SAME", Secret.of("same-value"),
                "ADDED", Secret.of("added-value"));

        DeployPlan.HostPlan plan = planner(false, null).plan(fixture.targets.apply("web1"), app, target, config, true);

        assertThat(plan.error()).isNull();
        assertThat(plan.current()).isEqualTo("releases/v1");
        assertThat(plan.envAdded()).containsExactly("ADDED");
        assertThat(plan.envRemoved()).containsExactly("GONE");
        assertThat(plan.envChanged()).containsExactly("GREETING");
        assertThat(plan.toString()).doesNotContain("greeting-value", "gone-value", "same-value", "added-value");
        assertThat(plan.unitDiff()).contains("--- /etc/systemd/system/deployer-shop.service")
                .anyMatch(l -> l.startsWith("-ExecStart=") && l.contains("-Xmx32m"))
                .anyMatch(l -> l.startsWith("+ExecStart=") && !l.contains("-Xmx32m"));
        assertThat(plan.transfer().how()).isEqualTo("whole-jar");
        assertThat(plan.transfer().bytes()).isEqualTo(5_000_000L);
        assertThat(plan.processes()).containsExactly("restart deployer-shop.service on port 8080, then wait for /health to answer");
        assertOnlyReads();
    }

    @Test
    void aJarAlreadyOnTheHostIsAHardLinkAndAnUnchangedHostChangesNothingButTheRestart() {
        App app = app("restart");
        Release target = draft(app, Optional.empty());
        hostHolds(new String(EnvFile.render(Map.of(), app.port()), StandardCharsets.UTF_8), target.unitText());
        hosts.when(call -> call.text().contains("find /opt/deployer/shop/releases -mindepth 2"))
                .prints(NEW_SHA + "  /opt/deployer/shop/releases/v1/app.jar\n");

        DeployPlan.HostPlan plan = planner(false, null).plan(fixture.targets.apply("web1"), app, target, Map.of(), true);

        assertThat(plan.transfer().how()).isEqualTo("hard-link");
        assertThat(plan.transfer().bytes()).isZero();
        assertThat(plan.transfer().base()).isEqualTo(1);
        assertThat(plan.unitDiff()).isEmpty();
        assertThat(plan.envAdded()).isEmpty();
        assertThat(plan.envChanged()).isEmpty();
        assertThat(plan.envRemoved()).isEmpty();
        assertOnlyReads();
    }

    /** Delta transfer where web1 holds v1's jar and the server's store still has it: a patch base. */
    private DeltaTransfer deltaWithV1OnTheHost() throws Exception {
        Path jar = Files.createTempFile("v1", ".jar");
        Files.write(jar, new byte[1000]);
        String baseSha = fixture.artifacts.put(fixture.app.id(), "c".repeat(40), jar).sha256();
        hostHolds("", "");
        hosts.when(call -> call.text().contains("find /opt/deployer/shop/releases -mindepth 2"))
                .prints("/opt/deployer/shop/releases/v1 " + baseSha + "\n");
        return new DeltaTransfer(hosts, fixture.artifacts,
                new JarPatches(ProcessFactory.SYSTEM, "/usr/bin/zstd", Files.createTempDirectory("patches"), Duration.ofSeconds(5)));
    }

    @Test
    void anEarlierReleaseTheServerKeepsMeansAPatchWhoseSizeIsKnownOnceMade() throws Exception {
        App app = app("restart");
        Release target = draft(app, Optional.empty());

        DeployPlan.HostPlan plan = planner(false, deltaWithV1OnTheHost()).plan(fixture.targets.apply("web1"), app, target, Map.of(), true);

        assertThat(plan.transfer().how()).isEqualTo("patch");
        assertThat(plan.transfer().base()).isEqualTo(1);
        assertThat(plan.transfer().bytes()).isNull();
        assertThat(plan.transfer().text()).contains("against v1", "size known once made");
        assertOnlyReads();
    }

    @Test
    void aJarUnderOneMibIsPlannedWholeAsTheDeployWouldSendIt() throws Exception {
        App app = app("restart");
        Release target = draft(app, Optional.empty(), 50_000);

        DeployPlan.HostPlan plan = planner(false, deltaWithV1OnTheHost()).plan(fixture.targets.apply("web1"), app, target, Map.of(), true);

        assertThat(plan.transfer().how()).isEqualTo("whole-jar");
        assertThat(plan.transfer().text()).isEqualTo("the whole jar: 49 KiB (under 1.0 MiB: sent whole, no patch made)");
        assertOnlyReads();
    }

    @Test
    void zeroDowntimeOnAHostWithoutSlotsYetStartsSlotAThenTheProxyAndPlansTheWorkers() {
        App app = app("zero-downtime");
        Release target = draft(app, Optional.of(Procfile.parse("web: java -jar app.jar\nworker: java -cp app.jar Worker\n")));
        hostHolds("", "");
        // One round trip: instances, then template file names.
        hosts.when("systemctl list-units").prints("deployer-shop-old@1.service loaded active running old\ndeployer-shop-old@.service\n");

        DeployPlan.HostPlan plan = planner(true, null).plan(fixture.targets.apply("web2"), app, target, Map.of("A", Secret.of("1")), true);

        assertThat(plan.error()).isNull();
        assertThat(plan.processes()).containsExactly(
                "start deployer-shop@a.service on " + target.label() + " (port 18080), then wait for /health to answer",
                "stop deployer-shop.service if it runs, then start deployer-shop@proxy.service on port 8080 with slot a live",
                "stop and disable deployer-shop-old@1.service",
                "remove /etc/systemd/system/deployer-shop-old@.service (type gone from the Procfile)",
                "start deployer-shop-worker@1.service on " + target.label());
        assertThat(plan.unitDiff()).contains("--- /etc/systemd/system/deployer-shop@a.service (none yet)",
                "--- /etc/systemd/system/deployer-shop@proxy.service (none yet)",
                "--- /etc/systemd/system/deployer-shop-worker@.service (none yet)");
        assertThat(plan.envAdded()).containsExactly("A", "PORT");
        assertOnlyReads();
    }

    @Test
    void aCommitThatNeedsABuildSendsNoKnownBytesAndReadsNoJars() {
        App app = app("restart");
        hostHolds("", "");

        DeployPlan.HostPlan plan = planner(false, null).plan(fixture.targets.apply("web1"), app, draft(app, Optional.empty()), Map.of(), false);

        assertThat(plan.transfer().how()).isEqualTo("needs-a-build");
        assertThat(plan.transfer().bytes()).isNull();
        assertThat(hosts.calls().texts()).noneMatch(t -> t.contains("sha256sum"));
        assertOnlyReads();
        assertThat(List.of(plan.host())).containsExactly("web1");
    }
}
