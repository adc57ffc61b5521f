package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentDaoTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void deploymentHostStatesAndEventsRoundTrip(TestDatabase.Named db) {
        DeploymentDao dao = db.jdbi().onDemand(DeploymentDao.class);
        ReleaseDao releases = db.jdbi().onDemand(ReleaseDao.class);
        long app = Rows.app(db.jdbi(), "shop");
        Rows.host(db.jdbi(), "web1");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Release release = releases.insertNext(app, "c1", "a".repeat(64), 1, "v1:x", "[Unit]", "d", "ci", at);

        long id = dao.insert(app, "deploy", "main", "ci", at);
        dao.setRelease(id, release.id());
        dao.hostState(id, "web1", "staging", null, at);
        dao.hostState(id, "web1", "healthy", "ok", at.plusSeconds(1));
        long event = dao.insertEvent(id, at, "web1", "health", "ok", 42L, "HTTP 200");
        assertThat(dao.unfinished()).extracting(DeploymentDao.Row::id).containsExactly(id);
        assertThat(dao.currentReleaseId(app)).isEmpty();

        dao.finish(id, "succeeded", "v1 is current", at.plusSeconds(2));

        DeploymentDao.Row row = dao.find(id).orElseThrow();
        assertThat(row.app()).isEqualTo("shop");
        assertThat(row.version()).isEqualTo(1);
        assertThat(row.status()).isEqualTo("succeeded");
        assertThat(row.finishedAt()).isEqualTo(at.plusSeconds(2));
        assertThat(dao.hosts(id)).singleElement().satisfies(h -> {
            assertThat(h.host()).isEqualTo("web1");
            assertThat(h.state()).isEqualTo("healthy");
        });
        assertThat(dao.events(id, 0)).containsExactly(new DeploymentEvent(event, id, at, "web1", "health", "ok", 42L, "HTTP 200"));
        assertThat(dao.events(id, event)).isEmpty();
        assertThat(dao.unfinished()).isEmpty();
        assertThat(dao.currentReleaseId(app)).contains(release.id());
    }
}
