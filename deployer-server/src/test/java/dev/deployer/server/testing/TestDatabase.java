package dev.deployer.server.testing;

import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/**
 * Migrated databases for DAO tests: a fresh H2 and a fresh database on a real PostgreSQL 15.
 * DAO tests take {@link #both()} as a {@code @MethodSource} so every DAO round-trips on each.
 */
public final class TestDatabase {
    private TestDatabase() {}

    public record Named(String name, DataSource dataSource, Jdbi jdbi) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static Named h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return migrated("H2", ds);
    }

    public static Named postgres() {
        ThrowawayPostgres pg = ThrowawayPostgres.get();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(pg.newDatabase("t" + UUID.randomUUID().toString().replace("-", "")));
        ds.setUser(pg.user());
        return migrated("PostgreSQL", ds);
    }

    public static Stream<Named> both() {
        return Stream.of(h2(), postgres());
    }

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    private static Named migrated(String name, DataSource dataSource) {
        flyway(dataSource).migrate();
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.installPlugin(new SqlObjectPlugin());
        return new Named(name, dataSource, jdbi);
    }
}
