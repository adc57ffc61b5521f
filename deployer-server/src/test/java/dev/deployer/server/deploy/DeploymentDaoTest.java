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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void longReasonsAndMessagesAreCutToTheirColumnsWithAVisibleMark(TestDatabase.Named db) {
        DeploymentDao dao = db.jdbi().onDemand(DeploymentDao.class);
        long app = Rows.app(db.jdbi(), "shop");
        Rows.host(db.jdbi(), "web1");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long id = dao.insert(app, "deploy", "main", "ci", at);
        // a health failure with 40 journal lines of 300 characters: longer than every column
        String journal = ("x".repeat(299) + "\n").repeat(40);
        String reason = "web1: health: not healthy within 60 s; last journal lines:\n" + journal;

        dao.hostState(id, "web1", "failed", reason, at);
        long event = dao.insertEvent(id, at, "web1", "health", "failed", 1L, reason.repeat(2));
        dao.finish(id, "failed", reason, at);

        DeploymentDao.Row row = dao.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.reason()).hasSize(DeploymentDao.REASON_CHARS).startsWith("web1: health: not healthy")
                .endsWith("more characters)").contains("… (" + (reason.length() - row.reason().indexOf("… (")) + " more characters)");
        assertThat(dao.hosts(id).get(0).message()).hasSizeLessThanOrEqualTo(DeploymentDao.HOST_MESSAGE_CHARS)
                .endsWith("more characters)");
        assertThat(dao.events(id, 0)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(event);
            assertThat(e.message()).hasSize(DeploymentDao.EVENT_MESSAGE_CHARS).endsWith("more characters)");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void twoMebibytesOfOutputAreKeptPerDeployment(TestDatabase.Named db) {
        DeploymentDao dao = db.jdbi().onDemand(DeploymentDao.class);
        long app = Rows.app(db.jdbi(), "shop");
        long id = dao.insert(app, "deploy", "main", "ci", Instant.now());
        OutputTail tail = new OutputTail(StepLog.OUTPUT_TAIL_CHARS);
        for (int i = 0; i < 40_000; i++) {
            tail.add("[ERROR] line " + i + " " + "y".repeat(80));
        }

        dao.insertOutput(id, tail.text(), tail.totalChars(), tail.totalLines());

        DeploymentDao.Output output = dao.output(id).orElseThrow();
        assertThat(output.output()).hasSizeLessThanOrEqualTo((int) StepLog.OUTPUT_TAIL_CHARS)
                .endsWith("[ERROR] line 39999 " + "y".repeat(80) + "\n").doesNotContain("[ERROR] line 0 ");
        assertThat(output.totalLines()).isEqualTo(40_000);
        assertThat(output.totalChars()).isGreaterThan(3_000_000);
    }
}
