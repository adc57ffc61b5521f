package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppStatus;
import dev.deployer.server.apps.App;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
}
