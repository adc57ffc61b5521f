package dev.deployer.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteFailure;
import org.junit.jupiter.api.Test;

/** The fake answers as SshHosts would, so tests on it mean what they say. */
class RecordingHostsTest {
    private final RecordingHosts hosts = new RecordingHosts();
    private final HostTarget web1 = new HostTarget("web1", "10.0.0.1", 22, "root", "ssh-ed25519 AAAA", "SHA256:x");

    @Test
    void aNonZeroExitFailsRunLikeSshHostsButIsReturnedByRunAllowingFailure() {
        hosts.when("false").exits(3, "", "nope");

        assertThatThrownBy(() -> hosts.run(web1, "probe", RemoteCommand.of("false")))
                .isInstanceOfSatisfying(RemoteFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(RemoteFailure.Kind.COMMAND_FAILED);
                    assertThat(f.exitCode()).isEqualTo(3);
                    assertThat(f.getMessage()).isEqualTo("step 'probe' failed on host web1: false exited with 3: nope");
                });
        assertThat(hosts.runAllowingFailure(web1, "probe", RemoteCommand.of("false")).exitCode()).isEqualTo(3);
    }

    @Test
    void theNewestMatchingRuleAnswersAndARuleUsedUpFallsThrough() {
        hosts.when("cat").prints("old");
        hosts.when("cat").once().prints("new");

        assertThat(hosts.run(web1, "read", RemoteCommand.of("cat", "--", "/x")).stdout()).isEqualTo("new");
        assertThat(hosts.run(web1, "read", RemoteCommand.of("cat", "--", "/x")).stdout()).isEqualTo("old");
        assertThat(hosts.run(web1, "read", RemoteCommand.of("ls")).stdout()).isEmpty();
    }

    @Test
    void everyCallIsRecordedWithItsHostStepAndExactWords() {
        hosts.run(web1, "switch", RemoteCommand.of("rm", "-f", "--", "/a b").then(RemoteCommand.of("ln", "-s", "x", "y")));
        hosts.writeFile(web1, "configure", "/etc/deployer/shop.env", new byte[] {1}, "0600", "root:root");

        assertThat(hosts.calls().lines()).containsExactly("web1 switch: rm -f -- /a b && ln -s x y",
                "web1 configure: write /etc/deployer/shop.env");
        assertThat(hosts.calls().all().get(0).words()).containsExactly(java.util.List.of("rm", "-f", "--", "/a b"),
                java.util.List.of("ln", "-s", "x", "y"));
    }

    @Test
    void aStepCanFailWithAnyKindOfRemoteFailure() {
        hosts.whenStep("web1", "artifact").fails(RemoteFailure.Kind.UPLOAD_CORRUPTED);

        assertThatThrownBy(() -> hosts.upload(web1, "artifact", java.nio.file.Path.of("/nonexistent"), "/x", "a"))
                .isInstanceOfSatisfying(RemoteFailure.class, f -> assertThat(f.kind()).isEqualTo(RemoteFailure.Kind.UPLOAD_CORRUPTED));
    }
}
