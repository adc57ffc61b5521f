package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.server.build.ProcessFactory;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.DeltaCommands;
import dev.deployer.server.testing.RecordingHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact step with delta transfer, over recording hosts; the patch itself is made by this machine's real zstd. */
class DeltaTransferTest {
    private static final String V1_JAR = "/opt/deployer/shop/releases/v1/app.jar";
    private static final String V3_JAR = "/opt/deployer/shop/releases/v3/app.jar";
    private static final String TARGET = "/opt/deployer/shop/releases/v4/app.jar";
    private static final String LISTING = "find /opt/deployer/shop/releases -mindepth 2";
    private static final String REBUILD = "/usr/bin/zstd -d -q --long=27 --patch-from=";
    /** The patch arrives on the stdin of the round trip that rebuilds the jar from it. */
    private static final String RECEIVE = "install -m 0600 -T /dev/null " + TARGET + ".deployer-tmp-patch";
    /** A whole jar arrives on the stdin of the round trip that hashes it under a temp name. */
    private static final String RECEIVE_WHOLE = "install -m 0644 -T /dev/null " + TARGET + ".deployer-tmp-";

    @TempDir
    Path dir;

    private DeployFixture fixture;
    private RecordingHosts hosts;
    private RollingDeploy rolling;
    private Path v1Jar;
    private Path v3Jar;
    private Path v4Jar;
    private Release v4;
    private long deployment;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new DeployFixture();
        hosts = fixture.hosts;
        hosts.when("systemctl is-active").prints("active\n");
        JarPatches patches = new JarPatches(ProcessFactory.SYSTEM, DeltaCommands.ZSTD, dir.resolve("patches"), Duration.ofSeconds(60));
        HostRollout rollout = new HostRollout(hosts, fixture.health, new DeltaTransfer(hosts, fixture.artifacts, patches));
        rolling = new RollingDeploy(rollout, fixture.dao, fixture.workers, fixture.clock);
        v1Jar = TestJarPair.jar(dir, "v1", 2, 42);
        v3Jar = TestJarPair.jar(dir, "v3", 2, 42);
        v4Jar = TestJarPair.jar(dir, "v4", 2, 42);
        fixture.artifacts.put(fixture.app.id(), "1".repeat(40), v1Jar);
        fixture.artifacts.put(fixture.app.id(), "3".repeat(40), v3Jar);
        for (int i = 1; i <= 3; i++) {
            fixture.newRelease("v" + i);
        }
        v4 = fixture.releases.create(fixture.app, "4".repeat(40), sha(v4Jar), Files.size(v4Jar), fixture.configVars.current(fixture.app.id()),
                "v4", "ci");
        deployment = fixture.dao.insert(fixture.app.id(), "deploy", "main", "ci", fixture.clock.instant());
        // What sha256sum on a host prints for the whole jar it received.
        hosts.when(RECEIVE_WHOLE).prints(sha(v4Jar) + "  " + TARGET + ".deployer-tmp-x\n");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aHostHoldingEarlierReleasesGetsAPatchAgainstTheNewestOneRebuiltCheckedAndRenamedIntoPlace() throws Exception {
        hosts.when(call -> call.text().contains(LISTING)).prints(sha(v1Jar) + "  " + V1_JAR + "\n" + sha(v3Jar) + "  " + V3_JAR + "\n"
                + DeployFixture.PASSWD);
        hosts.when(call -> call.text().contains(REBUILD)).prints(sha(v4Jar) + "  " + TARGET + ".deployer-tmp-rebuiltx\n");

        run();

        List<RecordingHosts.Call> artifactStep = hosts.calls().on("web1").inStep("artifact").all();
        assertThat(artifactStep).as("two round trips: receive and rebuild, then publish").hasSize(2);
        String receive = artifactStep.get(0).text();
        assertThat(receive).matches(java.util.regex.Pattern.quote(RECEIVE) + "[0-9a-f]{12} && .*");
        String suffix = receive.substring(RECEIVE.length(), RECEIVE.length() + 12);
        String patch = TARGET + ".deployer-tmp-patch" + suffix;
        String rebuilt = TARGET + ".deployer-tmp-rebuilt" + suffix;
        assertThat(receive).isEqualTo(RECEIVE + suffix + " && dd of=" + patch + " bs=64K status=none && " + REBUILD + V3_JAR + " -o "
                + rebuilt + " -- " + patch + " && sha256sum -- " + rebuilt);
        assertThat(artifactStep.get(0).content()).as("the patch itself, small").isNotEmpty().hasSizeLessThan((int) Files.size(v4Jar) / 100);
        assertThat(artifactStep.get(1).text()).as("renamed into place only after the hash matched, then its sum file")
                .startsWith("chmod 0644 -- " + rebuilt + " && mv -f -T -- " + rebuilt + " " + TARGET + " && rm -f -- " + patch
                        + " && install -m 0644 -T /dev/null " + TARGET + ".sha256.deployer-tmp-")
                .endsWith(" " + TARGET + ".sha256");
        assertThat(new String(artifactStep.get(1).content(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(sha(v4Jar) + "\n");
        assertThat(hosts.calls().startingWith("upload " + TARGET + "\n").isEmpty()).isTrue();
        assertThat(artifactMessages()).hasSize(3).allSatisfy(message -> assertThat(message)
                .matches("patch of [0-9.]+ (bytes|KiB) against v3 \\(0\\.[0-9]{2} % of 2\\.0 MiB\\), sha256 verified on host"));

        // What the metrics count: the patch's bytes, not the jar's.
        assertThat(fixture.observed.starting("uploaded shop ")).hasSize(3).allSatisfy(call -> assertThat(
                Long.parseLong(call.substring(call.lastIndexOf(' ') + 1))).isPositive().isLessThan(Files.size(v4Jar) / 100));
    }

    @Test
    void aHostWithNoEarlierReleaseGetsTheWholeJarAndTheEventSaysWhy() throws Exception {
        run();

        List<RecordingHosts.Call> web2 = hosts.calls().on("web2").inStep("artifact").all();
        assertThat(web2).as("two round trips: receive and hash, then publish with the sum file").hasSize(2);
        String tmp = web2.get(0).text().substring("install -m 0644 -T /dev/null ".length()).split(" ")[0];
        assertThat(tmp).matches(java.util.regex.Pattern.quote(TARGET) + "\\.deployer-tmp-[0-9a-f]{12}");
        assertThat(web2.get(0).text()).isEqualTo(RECEIVE_WHOLE + tmp.substring(RECEIVE_WHOLE.length() - "install -m 0644 -T /dev/null ".length())
                + " && dd of=" + tmp + " bs=64K status=none && sha256sum -- " + tmp);
        assertThat(web2.get(0).content()).isEqualTo(Files.readAllBytes(v4Jar));
        assertThat(web2.get(1).text()).startsWith("mv -f -T -- " + tmp + " " + TARGET + " && install -m 0644 -T /dev/null "
                + TARGET + ".sha256.deployer-tmp-").endsWith(" " + TARGET + ".sha256");
        assertThat(artifactMessages()).containsOnly("uploaded 2.0 MiB (no earlier release on host), sha256 verified on host");

        long jar = Files.size(v4Jar);
        assertThat(fixture.observed.starting("uploaded ")).containsExactlyInAnyOrder("uploaded shop web1 " + jar,
                "uploaded shop web2 " + jar, "uploaded shop web3 " + jar);
    }

    @Test
    void aWholeJarThatArrivesDamagedIsNeverPublishedAndGoesAgainTheCarefulWay() throws Exception {
        hosts.when(RECEIVE_WHOLE).prints("0".repeat(64) + "  x\n");

        run();

        List<String> web1 = hosts.calls().on("web1").inStep("artifact").texts();
        assertThat(web1).noneMatch(t -> t.startsWith("mv -f -T -- " + TARGET + ".deployer-tmp-"));
        assertThat(hosts.calls().on("web1").texts()).anyMatch(t -> t.matches("rm -f -- " + java.util.regex.Pattern.quote(TARGET)
                + "\\.deployer-tmp-[0-9a-f]{12}"));
        assertThat(web1).endsWith("upload " + TARGET, "write " + TARGET + ".sha256");
        assertThat(artifactMessages()).containsOnly("uploaded 2.0 MiB (no earlier release on host), sha256 verified on host");
    }

    @Test
    void aJarUnderOneMibIsSentWholeWithoutMakingAPatch() throws Exception {
        Path small = dir.resolve("small.jar");
        Files.write(small, new byte[64 * 1024]);
        Release tiny = fixture.releases.create(fixture.app, "5".repeat(40), sha(small), Files.size(small),
                fixture.configVars.current(fixture.app.id()), "v5", "ci");
        hosts.when(call -> call.text().contains(LISTING)).prints(sha(v3Jar) + "  " + V3_JAR + "\n" + DeployFixture.PASSWD);
        hosts.when("install -m 0644 -T /dev/null /opt/deployer/shop/releases/v5/app.jar.deployer-tmp-").prints(sha(small) + "  x\n");

        rolling.run(new RolloutPlan(deployment, fixture.app, fixture.targets(), tiny, Map.of(), small, Optional.empty(), Map.of()),
                new StepLog(fixture.events, deployment, "shop"));

        assertThat(hosts.calls().texts()).noneMatch(t -> t.contains(REBUILD));
        assertThat(artifactMessages()).containsOnly("uploaded 64 KiB (under 1.0 MiB: sent whole, no patch made), sha256 verified on host");
    }

    @Test
    void anEarlierJarTheServerNoLongerKeepsIsNoBase() throws Exception {
        hosts.when(call -> call.text().contains(LISTING)).prints("b".repeat(64) + "  " + V1_JAR + "\n" + DeployFixture.PASSWD);

        run();

        assertThat(hosts.calls().startingWith("/usr/bin/zstd").isEmpty()).isTrue();
        assertThat(artifactMessages()).containsOnly(
                "uploaded 2.0 MiB (no earlier release on host whose jar the server still keeps), sha256 verified on host");
    }

    @Test
    void aHostWhoseZstdFailsIsCleanedUpAndGetsTheWholeJar() throws Exception {
        hosts.when(call -> call.text().contains(LISTING)).prints(sha(v3Jar) + "  " + V3_JAR + "\n" + DeployFixture.PASSWD);
        hosts.when(call -> call.host().equals("web2") && call.text().contains(REBUILD)).exits(127, "", "sudo: /usr/bin/zstd: command not found");
        hosts.when(call -> call.host().equals("web1") && call.text().contains(REBUILD)).prints(sha(v4Jar) + "  x\n");
        hosts.when(call -> call.host().equals("web3") && call.text().contains(REBUILD)).prints(sha(v4Jar) + "  x\n");

        run();

        List<String> web2 = hosts.calls().on("web2").afterContaining(REBUILD).texts();
        assertThat(web2.get(0)).matches("rm -f -- \\S+\\.deployer-tmp-patch[0-9a-f]{12} \\S+\\.deployer-tmp-rebuilt[0-9a-f]{12}");
        assertThat(web2.get(1)).startsWith(RECEIVE_WHOLE);
        assertThat(messageOf("web2")).startsWith("uploaded 2.0 MiB (the patch against v3 failed on host: ")
                .contains("command not found").endsWith("; the whole jar was sent instead), sha256 verified on host");
        assertThat(messageOf("web1")).startsWith("patch of ");
    }

    @Test
    void aRebuiltJarWithTheWrongSha256NeverBecomesTheReleaseJar() throws Exception {
        hosts.when(call -> call.text().contains(LISTING)).prints(sha(v3Jar) + "  " + V3_JAR + "\n" + DeployFixture.PASSWD);
        hosts.when(call -> call.text().contains(REBUILD)).prints("0".repeat(64) + "  " + TARGET + ".deployer-tmp-rebuiltx\n");

        run();

        assertThat(hosts.calls().startingWith("chmod 0644").isEmpty()).as("nothing rebuilt is renamed into place").isTrue();
        assertThat(hosts.calls().on("web3").inStep("artifact").texts()).last().asString().startsWith("mv -f -T -- " + TARGET + ".deployer-tmp-");
        assertThat(artifactMessages()).allSatisfy(message -> assertThat(message)
                .startsWith("uploaded 2.0 MiB (the patch against v3 failed on host: the rebuilt jar has sha256 " + "0".repeat(64)));
    }

    @Test
    void aPatchThatCannotBeWrittenOnTheHostFallsBackToTheWholeJar() throws Exception {
        hosts.when(call -> call.text().contains(LISTING)).prints(sha(v3Jar) + "  " + V3_JAR + "\n" + DeployFixture.PASSWD);
        hosts.when(RECEIVE).exits(1, "", "dd: error writing: No space left on device");

        run();

        assertThat(hosts.calls().startingWith("chmod 0644").isEmpty()).as("nothing rebuilt is renamed into place").isTrue();
        assertThat(hosts.calls().on("web1").inStep("artifact").texts()).last().asString().startsWith("mv -f -T -- " + TARGET + ".deployer-tmp-");
        assertThat(artifactMessages()).allSatisfy(message -> assertThat(message)
                .startsWith("uploaded 2.0 MiB (the patch against v3 failed on host: ").contains("No space left on device"));
    }

    private void run() {
        RolloutPlan plan = new RolloutPlan(deployment, fixture.app, fixture.targets(), v4, Map.of(), v4Jar, Optional.empty(), Map.of());
        rolling.run(plan, new StepLog(fixture.events, deployment, "shop", fixture.observed));
    }

    private List<String> artifactMessages() {
        return fixture.dao.events(deployment, 0).stream().filter(e -> "artifact".equals(e.step()) && "ok".equals(e.outcome()))
                .map(DeploymentEvent::message).toList();
    }

    private String messageOf(String host) {
        return fixture.dao.events(deployment, 0).stream()
                .filter(e -> host.equals(e.host()) && "artifact".equals(e.step()) && "ok".equals(e.outcome()))
                .map(DeploymentEvent::message).findFirst().orElseThrow();
    }

    private static String sha(Path file) throws Exception {
        return JarPatchesTest.sha256(file);
    }
}
