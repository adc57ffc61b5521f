package dev.deployer.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AuditEntry;
import dev.deployer.server.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditDaoTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void entriesComeBackNewestFirstAndLimited(TestDatabase.Named db) {
        AuditDao dao = db.jdbi().onDemand(AuditDao.class);
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        dao.insert(first, "admin", "host.add", "web1", "fingerprint SHA256:x");
        dao.insert(first.plusSeconds(1), "ci", "config.set", "shop", "keys DATABASE_URL");

        assertThat(dao.latest(10)).containsExactly(
                new AuditEntry(first.plusSeconds(1), "ci", "config.set", "shop", "keys DATABASE_URL"),
                new AuditEntry(first, "admin", "host.add", "web1", "fingerprint SHA256:x"));
        assertThat(dao.latest(1)).hasSize(1);
    }
}
