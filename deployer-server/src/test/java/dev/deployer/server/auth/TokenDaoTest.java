package dev.deployer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenDaoTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void tokenRoundTripsAndRevokedTokenIsNoLongerFound(TestDatabase.Named db) {
        TokenDao dao = db.jdbi().onDemand(TokenDao.class);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        long id = dao.insert("ci", "deployer", "a".repeat(64), at);

        TokenDao.TokenRow row = dao.findActiveByHash("a".repeat(64)).orElseThrow();
        assertThat(row).isEqualTo(new TokenDao.TokenRow(id, "ci", "deployer", "a".repeat(64), at));
        assertThat(dao.listActive()).extracting(TokenDao.TokenRow::name).containsExactly("ci");
        assertThat(dao.countByName("ci")).isEqualTo(1);

        assertThat(dao.revoke(id, at)).isEqualTo(1);
        assertThat(dao.revoke(id, at)).isZero();
        assertThat(dao.findActiveByHash("a".repeat(64))).isEmpty();
        assertThat(dao.countAll()).isEqualTo(1);
    }
}
