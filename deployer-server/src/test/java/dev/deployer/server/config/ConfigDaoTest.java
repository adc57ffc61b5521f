package dev.deployer.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.apps.AppDao;
import dev.deployer.server.apps.AppDaoTest;
import dev.deployer.server.config.ConfigDao.VarRow;
import dev.deployer.server.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigDaoTest {
    static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void setReplacesAndUnsetRemovesInOneGo(TestDatabase.Named db) {
        long app = db.jdbi().onDemand(AppDao.class).insert(AppDaoTest.row("web"));
        long other = db.jdbi().onDemand(AppDao.class).insert(AppDaoTest.row("other"));
        ConfigDao dao = db.jdbi().onDemand(ConfigDao.class);
        dao.apply(app, List.of(new VarRow("B", "v1:b", AT), new VarRow("A", "v1:a", AT), new VarRow("C", "v1:c", AT)), List.of());
        dao.apply(other, List.of(new VarRow("A", "v1:other", AT)), List.of());

        dao.apply(app, List.of(new VarRow("A", "v1:a2", AT.plusSeconds(1))), List.of("C", "ABSENT"));

        assertThat(dao.list(app)).containsExactly(new VarRow("A", "v1:a2", AT.plusSeconds(1)), new VarRow("B", "v1:b", AT));
        assertThat(dao.list(other)).containsExactly(new VarRow("A", "v1:other", AT));
        assertThat(dao.deleteAll(app)).isEqualTo(2);
        assertThat(dao.list(app)).isEmpty();
    }
}
