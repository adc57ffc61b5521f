package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.server.releases.Release;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.testing.HostScript;
import dev.deployer.server.testing.RecordingHosts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real rollout (stage, canary, batches, revert) over a recording fake of the hosts: the exact commands each host gets. */
class HostRolloutTest {
    private static final String SWITCH_TO_V1 = "ln -s -T -- releases/v1 /opt/deployer/shop/current.deployer-tmp-";
    private static final String SWITCH_TO_V2 = "ln -s -T -- releases/v2 /opt/deployer/shop/current.deployer-tmp-";
    private static final String RESTART = "systemctl enable --no-reload -- deployer-shop.service && systemctl restart -- deployer-shop.service";
    /** Staging's one round trip: the release dir made; jars, config hashes, slot and process units listed; the user looked up. */
    private static final String STAGING_READ = "mkdir -p -m 0755 -- /opt/deployer/shop/releases/v2 /etc/deployer"
            + " && find /opt/deployer/shop/releases -mindepth 2 -maxdepth 2 -name app.jar -type f"
            + " ! -execdir test -s app.jar.sha256 ; -exec sha256sum {} +"
            + " && find /opt/deployer/shop/releases -mindepth 2 -maxdepth 2 -name app.jar.sha256 -type f"
            + " -printf %h  -exec head -c 64 {} ; -printf \\n"
            + " && find /etc/systemd/system /etc/deployer -maxdepth 1 -type f ( -path /etc/systemd/system/deployer-shop.service"
            + " -o -path /etc/deployer/shop.env ) -exec sha256sum -- {} +"
            + " && find /etc/systemd/system -maxdepth 1 -name deployer-shop@*.service -printf %f\\n"
            + " && systemctl list-units --all --plain --no-legend --full --type=service -- deployer-shop-*@[0-9]*.service"
            + " && find /etc/systemd/system -maxdepth 1 -name deployer-shop-*@.service -printf %f\\n"
            + " && find /etc/systemd/system -maxdepth 1 -name deployer-shop@cron-* -printf %f\\n"
            + " && getent passwd shop";

    private DeployFixture fixture;
    private RecordingHosts hosts;
    private Release v1;
    private Release v2;
    private long deployment;

    private void setUp(Integer batchSize) throws Exception {
        fixture = new DeployFixture(batchSize);
        hosts = fixture.hosts;
        v1 = fixture.newRelease("v1");
        v2 = fixture.newRelease("v2");
        deployment = fixture.dao.insert(fixture.app.id(), "deploy", "main", "ci", fixture.clock.instant());
        hosts.when("systemctl is-active").prints("active\n");
        fixture.jarOnHosts(2);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private RolloutPlan plan(Optional<Release> previous) {
        return new RolloutPlan(deployment, fixture.app, fixture.targets(), v2, Map.of(), null, previous, Map.of());
    }

    private int run(Optional<Release> previous) {
        return fixture.rolling.run(plan(previous), new StepLog(fixture.events, deployment, "shop"));
    }

    @Test
    void aHostGetsExactlyTheStepsOfAnActivationInOrderStagingReadingItInOneRoundTrip() throws Exception {
        setUp(null);

        run(Optional.of(v1));

        assertThat(hosts.calls().on("web2").texts()).satisfiesExactly(
                t -> assertThat(t).isEqualTo(STAGING_READ),
                t -> assertThat(t).as("the jar was there without its sum file").isEqualTo("write /opt/deployer/shop/releases/v2/app.jar.sha256"),
                t -> assertThat(t).isEqualTo("write /etc/deployer/shop.env"),
                t -> assertThat(t).isEqualTo("write /etc/systemd/system/deployer-shop.service"),
                t -> assertThat(t).isEqualTo("systemctl daemon-reload"),
                t -> assertThat(t).startsWith("rm -f -- /opt/deployer/shop/current.deployer-tmp-").contains(" && " + SWITCH_TO_V2)
                        .matches(".* && mv -f -T -- /opt/deployer/shop/current.deployer-tmp-[0-9a-f]{12} /opt/deployer/shop/current && "
                                + java.util.regex.Pattern.quote(RESTART)),
                t -> assertThat(t).isEqualTo("GET :8080/health"),
                t -> assertThat(t).as("active alongside the answer").isEqualTo("systemctl is-active -- deployer-shop.service"));
    }

    @Test
    void aHostWhoseEnvFileAndUnitAreUnchangedIsSwitchedAndRestartedInOneRoundTripAfterStaging() throws Exception {
        setUp(null);
        String env = Sha256.hex(dev.deployer.server.remote.EnvFile.render(Map.of(), 8080));
        String unit = Sha256.hex(v2.unitText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hosts.when(call -> call.text().startsWith(STAGING_READ)).prints("/opt/deployer/shop/releases/v2 " + DeployFixture.JAR_SHA + "\n"
                + unit + "  /etc/systemd/system/deployer-shop.service\n" + env + "  /etc/deployer/shop.env\n" + DeployFixture.PASSWD);

        run(Optional.of(v1));

        for (String host : fixture.hostNames) {
            assertThat(hosts.calls().on(host).texts()).as(host).satisfiesExactly(
                    t -> assertThat(t).isEqualTo(STAGING_READ),
                    t -> assertThat(t).contains(SWITCH_TO_V2).endsWith(RESTART),
                    t -> assertThat(t).isEqualTo("GET :8080/health"),
                    t -> assertThat(t).isEqualTo("systemctl is-active -- deployer-shop.service"));
        }
        assertThat(fixture.events.stored(deployment, 0).stream().filter(e -> "configure".equals(e.step())).map(DeploymentEvent::message))
                .containsOnly("env file unchanged (0 vars + PORT); unit unchanged");
    }

    @Test
    void aHostWithoutTheAppsUserGetsItMadeAfterTheStagingRead() throws Exception {
        setUp(null);
        // getent's exit 2 (no such user) after the rest was read; the jar already there keeps the test to the user.
        hosts.when(call -> call.text().startsWith(STAGING_READ)).exits(2, "/opt/deployer/shop/releases/v2 " + DeployFixture.JAR_SHA + "\n", "");

        run(Optional.of(v1));

        assertThat(hosts.calls().on("web1").texts().subList(0, 2)).satisfiesExactly(
                t -> assertThat(t).isEqualTo(STAGING_READ),
                t -> assertThat(t).startsWith("useradd --system --user-group --no-create-home --home-dir /var/lib/deployer/shop"));
    }

    @Test
    void aUserOfTheAppsNameThatDeployerDidNotMakeIsNeverTakenOver() throws Exception {
        setUp(null);
        hosts.when(call -> call.text().startsWith(STAGING_READ)).prints("shop:x:1000:1000:Shop Owner:/home/shop:/bin/bash\n");

        assertThatThrownBy(() -> run(Optional.of(v1))).hasMessageContaining("a user named shop already exists on web1 and was not made by deployer");

        assertThat(hosts.calls().texts()).noneMatch(t -> t.contains(RESTART) || t.startsWith("useradd"));
    }

    @Test
    void theCanaryIsHealthyBeforeAnyOtherHostIsSwitched() throws Exception {
        setUp(1);

        run(Optional.of(v1));

        RecordingHosts.Calls calls = hosts.calls();
        int canaryHealthy = calls.lines().indexOf("web1 health check: GET :8080/health");
        int web2Healthy = calls.lines().indexOf("web2 health check: GET :8080/health");
        assertThat(canaryHealthy).isNotNegative();
        assertThat(calls.lines().subList(0, canaryHealthy)).noneMatch(l -> l.startsWith("web2 switch") || l.startsWith("web3 switch"));
        // batch size 1: web3 is switched only once web2 answered healthy
        assertThat(calls.lines().subList(0, web2Healthy)).noneMatch(l -> l.startsWith("web3 switch"));
        assertThat(calls.on("web3").startingWith("rm -f -- /opt/deployer/shop/current").size()).isEqualTo(1);
    }

    @Test
    void aCanaryThatFailsItsHealthCheckIsPutBackAndNoOtherHostIsSwitched() throws Exception {
        setUp(null);
        hosts.when("web1", "GET :8080/health").answersHttp(500);

        assertThatThrownBy(() -> run(Optional.of(v1))).isInstanceOf(StepFailure.class)
                .hasMessageContaining("HTTP 500 from /health");

        assertThat(hosts.calls().on("web1").after("GET :8080/health").texts()).anyMatch(t -> t.contains(SWITCH_TO_V1));
        for (String other : new String[] {"web2", "web3"}) {
            assertThat(hosts.calls().on(other).steps()).as(other).containsExactly("prepare", "artifact");
        }
        assertThat(fixture.hostStates(deployment)).containsExactly("web1 failed", "web2 staged", "web3 staged");
    }

    @Test
    void aStepThatThrowsStillRevertsEveryTouchedHost() throws Exception {
        setUp(null);
        hosts.when(call -> call.host().equals("web3") && call.text().contains(RESTART)).once()
                .throwsUnexpected(() -> new NullPointerException("a bug in the middle of restart"));

        assertThatThrownBy(() -> run(Optional.of(v1))).isInstanceOf(StepFailure.class)
                .hasMessageContaining("a bug in the middle of restart");

        for (String host : fixture.hostNames) {
            assertThat(hosts.calls().on(host).afterContaining(SWITCH_TO_V2).texts()).as(host).anyMatch(t -> t.contains(SWITCH_TO_V1));
            assertThat(hosts.calls().on(host).texts()).as(host).endsWith("GET :8080/health",
                    "systemctl is-active -- deployer-shop.service");
        }
        assertThat(fixture.hostStates(deployment)).containsExactly("web1 reverted", "web2 reverted", "web3 failed");
        assertThat(fixture.dao.hosts(deployment).get(2).message()).contains("a bug in the middle of restart (reverted)");
    }

    @Test
    void aLinkLostOnOneHostRevertsEveryTouchedHostAndSaysWhy() throws Exception {
        setUp(null);
        hosts.when("web2", "rm -f -- /opt/deployer/shop/current").once().fails(RemoteFailure.Kind.LINK_LOST);

        assertThatThrownBy(() -> run(Optional.of(v1))).isInstanceOf(StepFailure.class)
                .hasMessageContaining("host web2 stopped answering during step 'switch'");

        assertThat(hosts.calls().on("web1").texts()).anyMatch(t -> t.contains(SWITCH_TO_V1));
        assertThat(hosts.calls().on("web3").texts()).anyMatch(t -> t.contains(SWITCH_TO_V1));
        assertThat(fixture.dao.hosts(deployment).get(1).message()).contains("its network link or the host itself is down");
    }

    @Test
    void aRevertThatFailsOnOneHostStillRevertsTheOthers() throws Exception {
        setUp(null);
        hosts.when("web3", "GET :8080/health").answersHttp(503);
        hosts.when(call -> call.host().equals("web2") && call.text().contains(SWITCH_TO_V1)).fails(RemoteFailure.Kind.CONNECTION_LOST);

        assertThatThrownBy(() -> run(Optional.of(v1))).hasMessageContaining("HTTP 503");

        assertThat(hosts.calls().on("web1").afterContaining(SWITCH_TO_V2).texts()).anyMatch(t -> t.contains(SWITCH_TO_V1));
        assertThat(hosts.calls().on("web3").texts()).anyMatch(t -> t.contains(SWITCH_TO_V1));
        assertThat(fixture.hostStates(deployment)).containsExactly("web1 reverted", "web2 failed", "web3 failed");
        assertThat(fixture.dao.hosts(deployment).get(1).message()).startsWith("revert failed: ")
                .contains("broke during step 'switch'");
    }

    @Test
    void aFailedFirstDeployStopsTheAppOnEveryTouchedHost() throws Exception {
        setUp(null);
        hosts.when("web2", "systemctl is-active").prints("failed\n");

        assertThatThrownBy(() -> run(Optional.empty())).hasMessageContaining("the unit failed to start");

        for (String host : fixture.hostNames) {
            assertThat(hosts.calls().on(host).inStep("stop").texts()).as(host).containsExactly(
                    "systemctl disable -- deployer-shop.service && systemctl stop -- deployer-shop.service",
                    "rm -f -- /opt/deployer/shop/current");
        }
    }

    @Test
    void aStagingFailureSwitchesNoHost() throws Exception {
        setUp(null);
        hosts.when("web3", "mkdir -p").exits(1, "", "No space left on device");

        assertThatThrownBy(() -> run(Optional.of(v1))).hasMessageContaining("No space left on device");

        assertThat(hosts.calls().inStep("switch").isEmpty()).isTrue();
        assertThat(hosts.calls().texts()).noneMatch(t -> t.contains(RESTART));
        assertThat(fixture.hostStates(deployment)).contains("web3 failed");
    }

    @Test
    void anInterruptedDeploymentWaitsForTheRestartInFlightThenPutsTheHostBack() throws Exception {
        setUp(null);
        CountDownLatch release = new CountDownLatch(1);
        HostScript.Rule restart = hosts.when(call -> call.host().equals("web1") && call.text().contains(RESTART)).once()
                .holdsUntil(release);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<Integer> running = caller.submit(() -> run(Optional.of(v1)));
        assertThat(restart.awaitEntered(Duration.ofSeconds(5))).isTrue();

        caller.shutdownNow(); // the server stops: the deployment thread is interrupted mid-restart
        Thread.sleep(100);
        assertThat(hosts.calls().on("web1").afterContaining(RESTART).isEmpty()).as("nothing runs on web1 while its restart is in flight")
                .isTrue();
        release.countDown();

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).hasMessageContaining("the server is stopping");
        assertThat(hosts.calls().on("web1").afterContaining(RESTART).texts()).anyMatch(t -> t.contains(SWITCH_TO_V1));
        assertThat(hosts.calls().on("web2").inStep("switch").isEmpty()).isTrue();
    }

    @Test
    void anAppMovedBackToRestartHasItsProxyAndSlotsTakenOffBeforeTheUnitRestarts() throws Exception {
        setUp(null);
        hosts.when(call -> call.text().startsWith(STAGING_READ)).prints("/opt/deployer/shop/releases/v2 " + DeployFixture.JAR_SHA
                + "\ndeployer-shop@proxy.service\ndeployer-shop@a.service\n" + DeployFixture.PASSWD);

        run(Optional.of(v1));

        assertThat(hosts.calls().on("web1").texts()).anySatisfy(t -> assertThat(t).contains(SWITCH_TO_V2)
                .endsWith("systemctl disable --now -- deployer-shop@proxy.service deployer-shop@a.service && " + RESTART));
    }
}
