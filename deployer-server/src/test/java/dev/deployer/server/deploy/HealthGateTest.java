package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.apps.App;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.testing.RecordingHosts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the health gate calls healthy, and the reason it gives when a host is not. */
class HealthGateTest {
    private static final String IS_ACTIVE = "sudo -n systemctl is-active -- deployer-shop.service";
    private static final String JOURNAL = "sudo -n journalctl --unit deployer-shop.service --lines 15 --no-pager --output cat";

    private final RecordingHosts hosts = new RecordingHosts();
    private final HostTarget web1 = new HostTarget("web1", "10.0.0.1", 22, "deploy", "ssh-ed25519 AAAA", "SHA256:x");
    private final HealthGate gate = new HealthGate(hosts, Duration.ZERO, Duration.ofMillis(5));

    private static App app(String healthPath) {
        return new App(1, "shop", null, "main", 8080, "", 17, healthPath, 1, null, null, 900, 5, null, List.of("web1"),
                Instant.now(), 512);
    }

    @Test
    void aUnitThatStaysActiveAndAnswers2xxIsHealthy() {
        hosts.when(IS_ACTIVE).prints("active\n");
        hosts.when("GET :8080/health").answersHttp(204);

        assertThat(gate.await(web1, app("/health"))).startsWith("HTTP 204 from /health after ");

        assertThat(hosts.calls().texts()).as("asked, then the unit's state alongside the answer")
                .containsExactly("GET :8080/health", IS_ACTIVE);
    }

    @Test
    void aUnitThatAnswersOnceAndThenDiesIsNotHealthy() {
        hosts.when(IS_ACTIVE).prints("failed\n");
        hosts.when("GET :8080/health").answersHttp(200);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gate.await(web1, app("/health")))
                .hasMessageContaining("the unit failed to start");
    }

    @Test
    void aUnitStillActiveAfterTheSettleTimeIsHealthyWithoutAHealthPath() {
        HealthGate settling = new HealthGate(hosts, Duration.ofMillis(50), Duration.ofMillis(5));
        hosts.when(IS_ACTIVE).prints("active\n");

        assertThat(settling.await(web1, app(null))).isEqualTo("unit active for 0 s (no health path set)");

        assertThat(hosts.calls().texts()).hasSizeGreaterThan(1).allMatch(IS_ACTIVE::equals);
    }

    @Test
    void a5xxUntilTheTimeoutFailsWithTheLastStatusAndTheJournal() {
        hosts.when(IS_ACTIVE).prints("active\n");
        hosts.when("GET :8080/health").answersHttp(503);
        hosts.when(JOURNAL).prints("Exception in thread main: no database\n");
        long start = System.nanoTime();

        assertThatThrownBy(() -> gate.await(web1, app("/health")))
                .hasMessage("not healthy within 1 s (last: HTTP 503 from /health); last journal lines:\n"
                        + "Exception in thread main: no database");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void nothingAnsweringOnThePortFailsSayingSo() {
        hosts.when(IS_ACTIVE).prints("active\n");
        hosts.when("GET :8080/health").answersHttp(-1);

        assertThatThrownBy(() -> gate.await(web1, app("/health")))
                .hasMessage("not healthy within 1 s (last: nothing answers on port 8080)");
    }

    @Test
    void aUnitThatNeverBecomesActiveFailsWithItsStateWhateverAnswersOnItsPort() {
        hosts.when(IS_ACTIVE).prints("activating\n");

        assertThatThrownBy(() -> gate.await(web1, app("/health")))
                .hasMessageStartingWith("not healthy within 1 s (last: HTTP 200 but then unit activating)");
    }

    @Test
    void whileNothingAnswersTheUnitsStateIsAskedEveryHalfSecondOnlyAndSaidInTheReason() {
        hosts.when(IS_ACTIVE).prints("activating\n");
        hosts.when("GET :8080/health").answersHttp(-1);

        assertThatThrownBy(() -> gate.await(web1, app("/health")))
                .hasMessageStartingWith("not healthy within 1 s (last: nothing answers on port 8080; unit activating)");

        // 1 s of checks 5 ms apart: the port asked every time, the unit's state at 0, 0.5 s (and 1 s) only.
        assertThat(hosts.calls().via(RecordingHosts.Via.FORWARD_GET).size()).isGreaterThan(20);
        assertThat(hosts.calls().startingWith(IS_ACTIVE).size()).isBetween(2, 3);
    }

    @Test
    void aFailedUnitFailsAtOnceWithoutWaitingForTheTimeout() {
        hosts.when(IS_ACTIVE).prints("failed\n");
        hosts.when(JOURNAL).prints("java.lang.OutOfMemoryError\n");
        long start = System.nanoTime();

        assertThatThrownBy(() -> gate.await(web1, app("/health")))
                .hasMessage("the unit failed to start; last journal lines:\njava.lang.OutOfMemoryError");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800));
        assertThat(hosts.calls().texts()).containsExactly("GET :8080/health", IS_ACTIVE, JOURNAL);
    }

    @Test
    void aUnitThatFailsWhileNothingAnswersEndsTheWaitWithinHalfASecond() {
        hosts.when("GET :8080/health").answersHttp(-1);
        hosts.when(IS_ACTIVE).prints("failed\n");
        hosts.when(IS_ACTIVE).once().prints("activating\n");
        long start = System.nanoTime();

        assertThatThrownBy(() -> gate.await(web1, app("/health"))).hasMessageStartingWith("the unit failed to start");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofMillis(900));
    }

    @Test
    void aHostThatStopsAnsweringFailsTheGateWithTheRemoteFailure() {
        hosts.when(IS_ACTIVE).fails(RemoteFailure.Kind.TIMED_OUT);

        assertThatThrownBy(() -> gate.await(web1, app("/health"))).isInstanceOf(RemoteFailure.class)
                .hasMessageContaining("step 'health' on host web1 did not finish within 60 s");
    }
}
