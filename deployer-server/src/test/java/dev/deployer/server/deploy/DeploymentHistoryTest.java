package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Retention of deployment rows on real H2 and PostgreSQL. */
class DeploymentHistoryTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void oldDeploymentsGoWithTheirEventsButTheCurrentAndRecentReleasesKeepTheirs(TestDatabase.Named db) {
        DeploymentDao dao = db.jdbi().onDemand(DeploymentDao.class);
        ReleaseDao releases = db.jdbi().onDemand(ReleaseDao.class);
        long app = Rows.app(db.jdbi(), "shop");
        Rows.host(db.jdbi(), "web1");
        Instant old = NOW.minus(200, ChronoUnit.DAYS);

        // v1 succeeded long ago and is still current: every later try (v2..v13) failed, also long ago.
        long olderThanCurrent = deployment(dao, app, release(releases, app, 1, old), "succeeded", old.minusSeconds(60));
        long current = deployment(dao, app, release(releases, app, 1, old), "succeeded", old);
        List<Long> failed = new ArrayList<>();
        for (int v = 2; v <= 13; v++) {
            failed.add(deployment(dao, app, release(releases, app, v, old), "failed", old.plusSeconds(v)));
        }
        long noRelease = deployment(dao, app, null, "failed", old);
        long recentFailure = deployment(dao, app, null, "failed", NOW.minus(10, ChronoUnit.DAYS));
        long running = dao.insert(app, "deploy", "main", "ci", old);
        dao.hostState(olderThanCurrent, "web1", "healthy", "ok", old);

        int deleted = history(db).prune();

        // kept: the newest success (current v1), the releases v4..v13 (newest 10), the recent one, the running one
        assertThat(ids(db)).containsExactlyInAnyOrder(current, recentFailure, running,
                failed.get(2), failed.get(3), failed.get(4), failed.get(5), failed.get(6), failed.get(7), failed.get(8),
                failed.get(9), failed.get(10), failed.get(11));
        assertThat(deleted).isEqualTo(4); // the older success of v1, v2, v3, and the one without a release
        assertThat(dao.find(noRelease)).isEmpty();
        assertThat(dao.events(olderThanCurrent, 0)).isEmpty();
        assertThat(dao.events(current, 0)).isNotEmpty();
        assertThat(dao.hosts(olderThanCurrent)).isEmpty();
        assertThat(dao.currentReleaseId(app)).isEqualTo(dao.find(current).map(DeploymentDao.Row::releaseId));
        assertThat(history(db).prune()).isZero();
    }

    private static DeploymentHistory history(TestDatabase.Named db) {
        return new DeploymentHistory(db.jdbi().onDemand(DeploymentHistoryDao.class), Duration.ofDays(90), null,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Release release(ReleaseDao releases, long app, int version, Instant at) {
        return releases.history(app).stream().filter(r -> r.version() == version).findFirst()
                .orElseGet(() -> releases.insertNext(app, "c" + version, "a".repeat(64), 1, "v1:x", "[Unit]", "d", "ci", at));
    }

    private static long deployment(DeploymentDao dao, long app, Release release, String status, Instant finished) {
        long id = dao.insert(app, "deploy", "main", "ci", finished.minusSeconds(30));
        if (release != null) {
            dao.setRelease(id, release.id());
        }
        dao.insertEvent(id, finished, null, "finished", status.equals("succeeded") ? "ok" : "failed", null, status);
        dao.finish(id, status, status, finished);
        return id;
    }

    private static List<Long> ids(TestDatabase.Named db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM deployments").mapTo(Long.class).list());
    }
}
