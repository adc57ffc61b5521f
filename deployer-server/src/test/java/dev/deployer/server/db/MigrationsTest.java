package dev.deployer.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.TreeSet;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void migrationsCreateEveryTableTheContractNamesAndASecondRunChangesNothing(TestDatabase.Named db) throws SQLException {
        TreeSet<String> before = tables(db);
        assertThat(before).contains("apps", "hosts", "app_hosts", "config_vars", "releases", "deployments",
                "deployment_hosts", "deployment_events", "api_tokens", "audit_log", "artifacts");

        MigrateResult again = TestDatabase.flyway(db.dataSource()).migrate();

        assertThat(again.migrationsExecuted).isZero();
        assertThat(tables(db)).isEqualTo(before);
    }

    private static TreeSet<String> tables(TestDatabase.Named db) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        try (Connection connection = db.dataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = db.name().equals("H2") ? "PUBLIC" : "public";
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
