package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.testing.ThrowawayPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/** V2 re-keys the artifacts table: rows written under V1 survive it, and one jar may then serve two commits. */
class ArtifactsMigrationTest {
    static Stream<DataSource> emptyDatabases() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ThrowawayPostgres pg = ThrowawayPostgres.get();
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(pg.newDatabase("t" + UUID.randomUUID().toString().replace("-", "")));
        postgres.setUser(pg.user());
        return Stream.of(h2, postgres);
    }

    @ParameterizedTest
    @MethodSource("emptyDatabases")
    void artifactRowsOfVersionOneSurviveTheNewKey(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("1").load().migrate();
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.installPlugin(new SqlObjectPlugin());
        long app = BuildFixture.insertApp(jdbi, "shop");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO artifacts (sha256, size_bytes, app_id, commit_sha, created_at) "
                + "VALUES (:sha, 10, :app, :commit, :at)").bind("sha", "a".repeat(64)).bind("app", app)
                .bind("commit", "1".repeat(40)).bind("at", at).execute());

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        ArtifactDao dao = jdbi.onDemand(ArtifactDao.class);
        assertThat(dao.forCommit(app, "1".repeat(40)))
                .contains(new ArtifactDao.ArtifactRow(app, "1".repeat(40), "a".repeat(64), 10, at));
        dao.record(app, "2".repeat(40), "a".repeat(64), 10, at);
        assertThat(dao.countBySha256("a".repeat(64))).isEqualTo(2);
    }
}
