package dev.deployer.server.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.ApiException;
import dev.deployer.api.AppInfo;
import dev.deployer.api.AppRequest;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.server.testing.ServerProcess;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Security edges on a real server and real hosts: hosts dropped from an app are cleaned, repo URL credentials stay inside. */
@WithTestHosts(2)
class AppEdgesIT {
    private static final String APP = "dropper";
    private static final int PORT = 8096;
    private static final String TOKEN = "tok-s3cret-9f2c";

    private static LiveDeployer deployer;
    private static TestHost first;
    private static TestHost second;

    @BeforeAll
    static void setUp(TestHosts hosts) throws Exception {
        first = hosts.get(0);
        second = hosts.get(1);
        for (TestHost host : List.of(first, second)) {
            clean(host);
        }
        // The watcher polls every second, so its log line about the failing fetch is in the output too.
        deployer = LiveDeployer.start(hosts, Map.of("DEPLOYER_POLL_INTERVAL_SECONDS", "1"));
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            deployer.close();
        }
        for (TestHost host : List.of(first, second)) {
            clean(host);
        }
    }

    private static void clean(TestHost host) {
        LiveDeployer.removeAppFrom(host, "dropper");
    }

    @Test
    void droppingAHostStopsAndRemovesTheAppThereAndAHostThatCannotBeCleanedChangesNothing() throws Exception {
        SampleRepo repo = SampleRepo.create(Files.createTempDirectory("dropper-repo-"));
        deployer.createApp(AppRequest.create(APP, List.of(first.name(), second.name())).withRepo(repo.url(), "main")
                .withRun(PORT, "-Xmx64m", "/health").withStrategy("restart"));
        DeploymentInfo done = deployer.admin().follow(deployer.admin().deploy(APP, null, false).id(), e -> {});
        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
        assertThat(second.run("systemctl is-active deployer-dropper.service").out().trim()).isEqualTo("active");

        AppInfo changed = deployer.admin().updateApp(APP, AppRequest.empty().withHosts(List.of(first.name())));

        assertThat(changed.hosts()).containsExactly(first.name());
        assertThat(second.run("systemctl is-active deployer-dropper.service").out().trim()).isIn("inactive", "unknown");
        assertThat(second.run("test -e /etc/systemd/system/deployer-dropper.service || test -e /etc/deployer/dropper.env; echo $?")
                .out().trim()).as("unit file and env file gone").isEqualTo("1");
        assertThat(second.run("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:" + PORT + "/health").out()).isEqualTo("000");
        assertThat(first.run("curl -s http://127.0.0.1:" + PORT + "/").out()).isEqualTo("hello from hello-service 1");

        // Back on both; then the second host's env file path is a non-empty directory, which rm -f cannot remove.
        deployer.admin().updateApp(APP, AppRequest.empty().withHosts(List.of(first.name(), second.name())));
        second.run("mkdir -p /etc/deployer/dropper.env/blocker").orThrow();
        try {
            assertThatThrownBy(() -> deployer.admin().updateApp(APP, AppRequest.empty().withHosts(List.of(first.name()))
                    .withRun(9099, null, null)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(502);
                        assertThat(e.getMessage()).contains("app dropper was not changed").contains(second.name() + ": ")
                                .contains("dropper.env").contains("change the app's hosts again");
                    });
            assertThat(deployer.admin().app(APP)).extracting(AppInfo::hosts, AppInfo::port)
                    .containsExactly(List.of(first.name(), second.name()), PORT);
        } finally {
            second.run("rm -rf /etc/deployer/dropper.env").orThrow();
        }
        deployer.admin().deleteApp(APP, true);
    }

    @Test
    void credentialsInARepoUrlNeverLeaveTheServer() throws Exception {
        int closed = ServerProcess.freePort();
        String url = "http://dpl:" + TOKEN + "@127.0.0.1:" + closed + "/team/secret.git";
        AppInfo created = deployer.createApp(AppRequest.create("secretive", List.of(first.name())).withRepo(url, "main"));
        assertThat(created.repoUrl()).isEqualTo("http://dpl:***@127.0.0.1:" + closed + "/team/secret.git");

        List<DeploymentEvent> events = new ArrayList<>();
        DeploymentInfo done = deployer.admin().follow(deployer.admin().deploy("secretive", null, false).id(), events::add);

        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.reason()).contains("fetching http://dpl:***@127.0.0.1:" + closed + "/team/secret.git failed");
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.toString()).doesNotContain(TOKEN));
        assertThat(deployer.admin().apps().toString()).doesNotContain(TOKEN);
        assertThat(deployer.admin().get("api/audit", new com.fasterxml.jackson.core.type.TypeReference<List<Object>>() {})
                .toString()).doesNotContain(TOKEN);
        Thread.sleep(2500);
        String output = deployer.server().output();
        assertThat(output).contains("watch app=secretive").doesNotContain(TOKEN);
        deployer.admin().deleteApp("secretive", true);
    }
}
