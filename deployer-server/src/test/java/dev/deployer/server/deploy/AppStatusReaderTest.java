package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppStatus;
import dev.deployer.server.apps.App;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.testing.RecordingHosts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppStatusReaderTest {
    @Test
    void systemdTimestampsAreRead() {
        assertThat(AppStatusReader.parseTime("Wed 2026-11-25 14:02:38 UTC")).isEqualTo(Instant.parse("2026-11-25T14:02:38Z"));
    }

    @Test
    void emptyOrOddTimestampsAreUnknown() {
        assertThat(AppStatusReader.parseTime("")).isNull();
        assertThat(AppStatusReader.parseTime("n/a")).isNull();
    }

    @Test
    void whenTheStatusPoolIsFullAHostIsShownUnknownAtOnceInsteadOfWaitingForDeployThreads() {
        ThreadPoolExecutor full = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        full.shutdown(); // rejects every task, as a saturated pool does
        App app = new App(1, "shop", null, "main", 8080, "", 17, null, 60, null, null, 900, 5, null, List.of("web1", "web2"),
                Instant.EPOCH, 512);

        AppStatus status = new AppStatusReader(null, name -> null, full).read(app, Optional.empty());

        assertThat(status.hosts()).extracting(AppStatus.HostStatus::activeState).containsExactly("unknown", "unknown");
        assertThat(status.hosts()).extracting(AppStatus.HostStatus::error)
                .containsOnly("too many status reads at once; try again shortly");
    }

    private final RecordingHosts ssh = new RecordingHosts();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void anActiveHostIsAskedItsHealthPathOnTheAppPort() {
        ssh.when("systemctl show").prints("ActiveState=active\nActiveEnterTimestamp=Wed 2026-11-25 14:02:38 UTC\n");
        ssh.when("readlink").prints("/opt/deployer/shop/releases/v4\n");
        ssh.when("web2", "GET :8080/health").answersHttp(503);

        AppStatus status = reader().read(app("/health"), Optional.empty());

        assertThat(status.hosts()).extracting(AppStatus.HostStatus::health).containsExactly(
                new AppStatus.Health("healthy", "HTTP 200 from /health"), new AppStatus.Health("unhealthy", "HTTP 503 from /health"));
        assertThat(status.hosts()).extracting(AppStatus.HostStatus::version).containsExactly(4, 4);
    }

    @Test
    void nothingAnsweringIsUnhealthyAndNamesThePort() {
        ssh.when("systemctl show").prints("ActiveState=active\n");
        ssh.when("GET :8080/health").answersHttp(-1);

        assertThat(reader().read(app("/health"), Optional.empty()).hosts().get(0).health())
                .isEqualTo(new AppStatus.Health("unhealthy", "nothing answers on port 8080"));
    }

    @Test
    void anInactiveUnitOrAnAppWithoutHealthPathIsNotAskedAndSaysWhy() {
        ssh.when("web1", "systemctl show").prints("ActiveState=inactive\n");
        ssh.when("web2", "systemctl show").prints("ActiveState=active\n");

        AppStatus status = reader().read(app(null), Optional.empty());

        assertThat(status.hosts()).extracting(AppStatus.HostStatus::health).containsExactly(
                new AppStatus.Health("unknown", "not asked: the unit is inactive"),
                new AppStatus.Health("unknown", "no health path set"));
        assertThat(ssh.calls().all()).noneMatch(call -> call.via() == RecordingHosts.Via.FORWARD_GET);
    }

    @Test
    void aHealthQuestionThatCannotBePutKeepsTheStateReadBeforeIt() {
        ssh.when("systemctl show").prints("ActiveState=active\n");
        ssh.when("GET :8080/health").fails(RemoteFailure.Kind.TIMED_OUT);

        AppStatus.HostStatus web1 = reader().read(app("/health"), Optional.empty()).hosts().get(0);

        assertThat(web1.activeState()).isEqualTo("active");
        assertThat(web1.error()).isNull();
        assertThat(web1.health().state()).isEqualTo("unknown");
        assertThat(web1.health().detail()).startsWith("could not ask: ");
    }

    @Test
    void aHostThatCannotBeReadSaysWhyAndHasNoHealth() {
        ssh.when("web1", "systemctl show").fails(RemoteFailure.Kind.UNREACHABLE);

        AppStatus.HostStatus web1 = reader().read(app("/health"), Optional.empty()).hosts().get(0);

        assertThat(web1.activeState()).isEqualTo("unreachable");
        assertThat(web1.error()).isNotBlank();
        assertThat(web1.health()).isNull();
    }

    private AppStatusReader reader() {
        return new AppStatusReader(ssh, name -> new HostTarget(name, "10.0.0.1", 22, "root", "ssh-ed25519 AAAA", "SHA256:x"), pool);
    }

    private static App app(String healthPath) {
        return new App(1, "shop", null, "main", 8080, "", 17, healthPath, 60, null, null, 900, 5, null, List.of("web1", "web2"),
                Instant.EPOCH, 512);
    }
}
