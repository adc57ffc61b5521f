package dev.deployer.server.releases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.ReleaseStatus;
import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReleaseDaoTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void versionsCountUpPerAppAndLastGoodSkipsFailedOnes(TestDatabase.Named db) {
        ReleaseDao dao = db.jdbi().onDemand(ReleaseDao.class);
        long shop = Rows.app(db.jdbi(), "shop");
        long blog = Rows.app(db.jdbi(), "blog");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Release v1 = dao.insertNext(shop, "c1", "a".repeat(64), 10, "v1:sealed", "[Unit]", "deploy of main", "admin", at);
        Release v2 = dao.insertNext(shop, "c2", "b".repeat(64), 11, "v1:sealed2", "[Unit]", "deploy of main", "ci", at);
        Release other = dao.insertNext(blog, "c9", "c".repeat(64), 12, "v1:x", "[Unit]", "deploy", "ci", at);
        dao.setStatus(v1.id(), ReleaseStatus.SUCCEEDED.value());
        dao.setStatus(v2.id(), ReleaseStatus.FAILED.value());
        Release v3 = dao.insertNext(shop, "c2", "b".repeat(64), 11, "v1:sealed2", "[Unit]", "rollback", "ci", at);

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(other.version()).isEqualTo(1);
        assertThat(v1).isEqualTo(new Release(v1.id(), shop, 1, "c1", "a".repeat(64), 10, "v1:sealed", "[Unit]",
                "deploy of main", ReleaseStatus.PENDING.value(), "admin", at, null, null, null));
        assertThat(dao.history(shop)).extracting(Release::version).containsExactly(3, 2, 1);
        assertThat(dao.lastGoodBefore(shop, 3)).map(Release::version).contains(1);
        assertThat(dao.lastGoodBefore(shop, 1)).isEmpty();
        assertThat(dao.findVersion(shop, 2)).map(Release::status).contains(ReleaseStatus.FAILED.value());
    }
}
