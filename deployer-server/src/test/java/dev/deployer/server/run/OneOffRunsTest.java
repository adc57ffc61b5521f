package dev.deployer.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.RunRequest;
import dev.deployer.server.apps.App;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.HostFailure;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.ssh.RemoteFailure;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneOffRunsTest {
    private final RunFixture fixture = new RunFixture();
    private final App restart = RunFixture.app(App.RESTART);

    @Test
    void aRunGoesToTheFirstHostInItsCurrentReleaseWithTheDefaultLimitAndIsAuditedByItsWords() {
        OneOffRuns.Prepared run = fixture.runs.prepare(fixture.caller, restart,
                new RunRequest(List.of("sh", "-c", "echo $DB_PASSWORD; id"), null, null));

        assertThat(run.host().name()).isEqualTo("web1");
        assertThat(run.place()).isEqualTo(new dev.deployer.server.remote.RunCommands.Place(3, "/etc/deployer/shop.env"));
        assertThat(run.limit()).isEqualTo(Duration.ofMinutes(10));
        assertThat(fixture.audited).containsExactly("ci-token run shop on web1 in v3 as " + run.unit()
                + ", limit 600 s: 'sh' '-c' 'echo $DB_PASSWORD; id'");
        assertThat(fixture.hosts.calls().texts()).containsExactly(
                "find /opt/deployer/shop -mindepth 1 -maxdepth 1 -type l -printf %f %l\\n");
    }

    @Test
    void aZeroDowntimeAppRunsWithItsLiveSlotsEnvOnTheNamedHost() {
        fixture.hosts.when("find /opt/deployer/shop").prints("current releases/v3\nslot-a releases/v3\nslot-b releases/v2\n");

        OneOffRuns.Prepared run = fixture.runs.prepare(fixture.caller, RunFixture.app(App.ZERO_DOWNTIME),
                new RunRequest(List.of("true"), "web2", 30));

        assertThat(run.host().name()).isEqualTo("web2");
        assertThat(run.place().envFile()).isEqualTo("/etc/deployer/shop/slot-a.env");
        assertThat(run.limit()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anAppWithoutAReleaseIsRefusedBeforeAnyHostIsAskedOrAnythingAudited() {
        fixture.current = Optional.empty();

        assertThatThrownBy(() -> fixture.runs.prepare(fixture.caller, restart, new RunRequest(List.of("true"), null, null)))
                .isInstanceOf(Conflict.class).hasMessage("app shop has no release yet: deploy it first (git push, or deployer "
                        + "deploy shop)");
        assertThat(fixture.hosts.calls().isEmpty()).isTrue();
        assertThat(fixture.audited).isEmpty();
    }

    @Test
    void aHostWithoutTheCurrentLinkOrUnreachableIsRefusedAndNothingIsAudited() {
        fixture.hosts.when("web1", "find /opt/deployer/shop").exits(1, "", "No such file or directory");
        fixture.hosts.when("web2", "find /opt/deployer/shop").fails(RemoteFailure.Kind.UNREACHABLE);

        assertThatThrownBy(() -> fixture.runs.prepare(fixture.caller, restart, new RunRequest(List.of("true"), null, null)))
                .isInstanceOf(Conflict.class).hasMessageContaining("host web1 has no current release of shop");
        assertThatThrownBy(() -> fixture.runs.prepare(fixture.caller, restart, new RunRequest(List.of("true"), "web2", null)))
                .isInstanceOf(HostFailure.class);
        assertThat(fixture.audited).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithWhatToSend() {
        assertRefused(null, "send {\"command\"");
        assertRefused(new RunRequest(null, null, null), "command must be a list of words");
        assertRefused(new RunRequest(List.of(), null, null), "command must be a list of words");
        assertRefused(new RunRequest(List.of(" "), null, null), "the first word of a command is the program");
        assertRefused(new RunRequest(List.of("echo", "a\0b"), null, null), "NUL");
        assertRefused(new RunRequest(Arrays.asList("echo", null), null, null), "null");
        assertRefused(new RunRequest(List.of("true"), "web9", null), "host web9 is not one of shop's hosts (web1, web2)");
        assertRefused(new RunRequest(List.of("true"), null, 0), "timeoutSeconds must be 1..3600 (got 0)");
        assertRefused(new RunRequest(List.of("true"), null, 3601), "timeoutSeconds must be 1..3600 (got 3601)");
        assertRefused(new RunRequest(java.util.Collections.nCopies(257, "x"), null, null), "at most 256 words");
        assertRefused(new RunRequest(List.of("echo", "x".repeat(40_000)), null, null), "at most 32768 characters");
        assertThat(fixture.hosts.calls().isEmpty()).isTrue();
    }

    private void assertRefused(RunRequest request, String message) {
        assertThatThrownBy(() -> fixture.runs.prepare(fixture.caller, restart, request)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining(message);
    }
}
