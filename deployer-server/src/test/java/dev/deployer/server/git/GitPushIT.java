package dev.deployer.server.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.server.testing.GitPush;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The real git client pushing to a real server that builds and deploys to a real host. */
@WithTestHosts(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitPushIT {
    private static final int PORT = 8091;

    private static LiveDeployer deployer;
    private static SampleRepo repo;
    private static TestHost host;
    private static String token;

    @BeforeAll
    static void setUp(TestHosts hosts) throws Exception {
        host = hosts.get(0);
        LiveDeployer.removeAppFrom(host, "pushy");
        deployer = LiveDeployer.start(hosts, Map.of());
        token = deployer.admin().createToken("pusher", "deployer").token();
        deployer.createApp(AppRequest.create("pushy", List.of(host.name())).withRun(PORT, "-Xmx64m", "/health"));
        repo = SampleRepo.create(Files.createTempDirectory("pushy-"));
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            deployer.close();
        }
    }

    private static String remote(String app) {
        return deployer.server().url() + "git/" + app + ".git";
    }

    private static GitPush push(String app, String secret, String... extra) throws Exception {
        return GitPush.run(repo.dir(), remote(app), secret, "main", extra);
    }

    private static String served() {
        return host.run("curl -s http://127.0.0.1:" + PORT + "/").out();
    }

    @Test
    @Order(1)
    void pushToTheAppBranchBuildsAndDeploysWhileThePushWaits() throws Exception {
        GitPush push = push("pushy", token);

        assertThat(push.exitCode()).as(push.text()).isZero();
        assertThat(push.text()).contains("remote: deployer: building pushy").contains("is live");
        assertThat(served()).isEqualTo("hello from hello-service 1");
        // Lines stream while the build runs: the first build line arrives long before the push ends.
        int firstBuildLine = push.indexOf("remote:   |");
        assertThat(firstBuildLine).as(push.text()).isNotNegative();
        assertThat(push.endedAtMillis() - push.arrivedAtMillis().get(firstBuildLine)).isGreaterThan(3000);
    }

    @Test
    @Order(2)
    void failingBuildRejectsThePushAndDeploysNothing() throws Exception {
        String before = repo.head();
        repo.commitBrokenBuild();

        GitPush push = push("pushy", token);

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.text()).contains("[remote rejected] main -> main (build failed)");
        assertThat(served()).isEqualTo("hello from hello-service 1");
        repo.git("reset", "-q", "--hard", before);
    }

    @Test
    @Order(3)
    void nonFastForwardPushIsRefusedUnlessForced() throws Exception {
        repo.commitVersion("2", false);
        assertThat(push("pushy", token).exitCode()).isZero();
        repo.git("reset", "-q", "--hard", "HEAD~1");
        repo.commitVersion("3", false);

        GitPush refused = push("pushy", token);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.text()).containsAnyOf("non-fast-forward", "fetch first");
        assertThat(served()).isEqualTo("hello from hello-service 2");

        GitPush forced = push("pushy", token, "--force");
        assertThat(forced.exitCode()).as(forced.text()).isZero();
        assertThat(served()).isEqualTo("hello from hello-service 3");
    }

    @Test
    @Order(4)
    void wrongTokenViewerTokenAndUnknownAppAreRefused() throws Exception {
        String viewer = deployer.admin().createToken("looker", "viewer").token();

        GitPush wrong = push("pushy", "dpl_wrong");
        assertThat(wrong.exitCode()).isNotZero();
        // git asks for credentials after a 401; with prompts off it says so instead of asking
        assertThat(wrong.text()).containsAnyOf("Authentication failed", "terminal prompts disabled");
        GitPush asViewer = push("pushy", viewer);
        assertThat(asViewer.exitCode()).isNotZero();
        assertThat(asViewer.text()).contains("403");
        GitPush unknown = push("nosuchapp", token);
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.text()).containsAnyOf("not found", "404");
    }
}
