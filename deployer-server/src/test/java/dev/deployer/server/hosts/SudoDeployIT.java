package dev.deployer.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.HostRequest;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole deploy, a second one and a rollback on a host reached as a user whose sudo covers exactly the programs the
 * sudoers line in docs/hosts.md names: every command a restart deploy runs (staging's one round trip, the patch or
 * whole jar, the switch, the prune) works through {@code sudo -n}, not only as root.
 */
@WithTestHosts(1)
class SudoDeployIT {
    private static final String APP = "sudoapp";
    private static final String USER = "sudoer";
    private static final int PORT = 8135;

    @Test
    void aRestartAppDeploysAgainAndRollsBackOnAHostReachedThroughLimitedSudo(TestHosts hosts) throws Exception {
        TestHost host = hosts.all().get(0);
        LiveDeployer.removeAppFrom(host, APP);
        try (LiveDeployer deployer = LiveDeployer.start(hosts, Map.of())) {
            TestHostSetup.createLimitedSudoUser(host, USER, deployer.admin().sshKey().publicKey(),
                    HostCommands.PRIVILEGED_PROGRAMS.stream().map(SudoRights::path).toArray(String[]::new));
            deployer.admin().addHost(new HostRequest("sudo-host", host.address(), host.port(), USER, null));
            SampleRepo repo = SampleRepo.create(Files.createTempDirectory("sudo-repo-"));
            deployer.createApp(AppRequest.create(APP, List.of("sudo-host")).withRepo(repo.url(), "main")
                    .withRun(PORT, "-Xmx64m", "/health").withStrategy(AppRequest.RESTART));
            try {
                deploy(deployer, "deploy");
                assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).isEqualTo("hello from hello-service 1");
                repo.commitVersion("2", false);
                List<DeploymentEvent> second = deploy(deployer, "deploy");
                assertThat(second).filteredOn(e -> "configure".equals(e.step()) && "ok".equals(e.outcome()))
                        .extracting(DeploymentEvent::message).containsExactly("env file unchanged (0 vars + PORT); unit unchanged");
                assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).isEqualTo("hello from hello-service 2");
                deploy(deployer, "rollback");
                assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).isEqualTo("hello from hello-service 1");
                assertThat(host.run("readlink /opt/deployer/" + APP + "/current").out().trim()).isEqualTo("releases/v3");
                assertThat(host.run("cat /opt/deployer/" + APP + "/releases/v3/app.jar.sha256").out().trim()).hasSize(64);
            } finally {
                deployer.admin().deleteApp(APP, true);
            }
        } finally {
            LiveDeployer.removeAppFrom(host, APP);
            host.run("userdel -r " + USER + " 2>/dev/null; rm -f /etc/sudoers.d/" + USER);
        }
    }

    private static List<DeploymentEvent> deploy(LiveDeployer deployer, String kind) {
        List<DeploymentEvent> events = new ArrayList<>();
        long id = kind.equals("rollback") ? deployer.admin().rollback(APP, null, false).id() : deployer.admin().deploy(APP, null, false).id();
        DeploymentInfo done = deployer.admin().follow(id, events::add);
        assertThat(done.status()).as(done.reason() + "\n" + String.join("\n", events.stream().map(DeploymentEvent::line).toList()))
                .isEqualTo("succeeded");
        return events;
    }
}
