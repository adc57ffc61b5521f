package dev.deployer.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.AppRequest;
import dev.deployer.api.AuditEntry;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.GitPush;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The path from push to healthy hosts at the size users run it, with the real git client and three real hosts:
 * a build with many errors, a failing release that prints long lines, and a 64 MiB jar pushed three times.
 */
@WithTestHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorePathFaultsIT {
    private static final String APP = "faulty";
    private static final int PORT = 8098;

    private static LiveDeployer deployer;
    private static SampleRepo repo;
    private static TestHosts hosts;
    private static String token;

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
        deployer = LiveDeployer.start(hosts, Map.of());
        token = deployer.admin().createToken("pusher", "deployer").token();
        deployer.createApp(AppRequest.create(APP, hosts.all().stream().map(TestHost::name).toList())
                .withRun(PORT, "-Xmx64m", "/health"));
        repo = SampleRepo.create(Files.createTempDirectory(APP + "-repo-"));
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            deployer.close();
        }
        // A 64 MiB app on every host, and its port: nothing later tests should trip over.
        hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
    }

    private static GitPush push() throws Exception {
        return GitPush.run(repo.dir(), deployer.server().url() + "git/" + APP + ".git", token, "main");
    }

    private static void assertEveryHostServes(String expected) {
        for (TestHost host : hosts) {
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).as(host.name()).isEqualTo(expected);
        }
    }

    /** The deployment the newest git push made, as the audit log names it. */
    private static DeploymentInfo lastPushedDeployment() {
        List<AuditEntry> audit = deployer.admin().get("api/audit", new TypeReference<>() {});
        for (AuditEntry entry : audit) {
            Matcher id = Pattern.compile("deployment (\\d+)").matcher(entry.detail());
            if (entry.target().equals(APP) && id.find()) {
                return deployer.admin().deployment(Long.parseLong(id.group(1)));
            }
        }
        throw new AssertionError("no git push deployment in the audit log: " + audit);
    }

    @Test
    @Order(1)
    void firstPushGoesLiveOnAllThreeHosts() throws Exception {
        GitPush push = push();

        assertThat(push.exitCode()).as(push.text()).isZero();
        assertEveryHostServes("hello from hello-service 1");
    }

    @Test
    @Order(2)
    void aBuildWithEightyCompileErrorsIsRejectedAndShowsThem() throws Exception {
        String good = repo.head();
        repo.commitCompileErrors(80);

        GitPush push = push();

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.text()).contains("(build failed)");
        for (int i : new int[] {0, 41, 79}) {
            assertThat(push.text()).as("error %d shown to the pusher", i).contains("undefinedName" + i);
        }
        DeploymentInfo failed = lastPushedDeployment();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.reason()).contains("build failed").hasSizeLessThanOrEqualTo(4000);
        String output = deployer.admin().deploymentOutput(failed.id());
        assertThat(output).contains("undefinedName0").contains("undefinedName79").contains("BUILD FAILURE");
        assertEveryHostServes("hello from hello-service 1");
        repo.git("reset", "-q", "--hard", good);
    }

    @Test
    @Order(3)
    void aFailingReleaseThatPrintsLongLinesIsRevertedEverywhereWithABoundedReason() throws Exception {
        String good = repo.head();
        repo.commitNoisyFailingHealth("2", 40, 300);

        GitPush push = push();

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.text()).contains("(deploy failed)");
        DeploymentInfo failed = lastPushedDeployment();
        assertThat(failed.status()).isEqualTo("failed");
        // 15 journal lines of 300 characters do not fit in the reason's 4,000: cut with a mark, never an SQL error
        assertThat(failed.reason()).contains("health").contains("noise").endsWith("more characters)")
                .doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("too long").hasSizeLessThanOrEqualTo(4000);
        assertThat(failed.hosts()).extracting(DeploymentInfo.HostState::state).doesNotContain("activating", "healthy");
        assertThat(failed.hosts()).filteredOn(h -> h.message() != null)
                .allSatisfy(h -> assertThat(h.message()).hasSizeLessThanOrEqualTo(4000));
        assertEveryHostServes("hello from hello-service 1");
        for (TestHost host : hosts) {
            assertThat(host.run("readlink /opt/deployer/" + APP + "/current").out().trim()).isEqualTo("releases/v1");
        }
        repo.git("reset", "-q", "--hard", good);
    }

    @Test
    @Order(4)
    void theNextPushAfterAFailureGoesLive() throws Exception {
        repo.commitVersion("3", false);

        GitPush push = push();

        assertThat(push.exitCode()).as(push.text()).isZero();
        assertEveryHostServes("hello from hello-service 3");
    }

    @Test
    @Order(5)
    void aSixtyFourMebibyteJarPushedToThreeHostsGoesLiveEveryTime() throws Exception {
        repo.commitBallast(64);
        for (int round = 1; round <= 3; round++) {
            String version = "fat-" + round;
            repo.commitVersion(version, false);

            GitPush push = push();

            assertThat(push.exitCode()).as("push %d:\n%s", round, push.text()).isZero();
            assertThat(push.lines()).as(push.text())
                    // round 1 sends the whole jar, later rounds a patch against the round before (delta transfer)
                    .filteredOn(line -> line.contains(" artifact ") && (line.contains("uploaded 6") || line.contains("patch of ")))
                    .hasSize(3);
            assertThat(push.text()).doesNotContain("FAILED");
            assertEveryHostServes("hello from hello-service " + version);
        }
    }
}
