package dev.deployer.server.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.apps.AppDao.AppRow;
import dev.deployer.server.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

public class AppDaoTest {
    static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

    public static AppRow row(String name) {
        return new AppRow(0, name, "https://git.example/web.git", "main", 8080, "-Xmx256m", 17, "/health", 60,
                "./mvnw -q package", "target/web.jar", 900, 5, 2, "v1:sealed", AT, null, 512, "warn", "zero-downtime", 30, 600, true);
    }

    /** Hosts are another feature's table: inserted plainly here, as that feature would. */
    public static long host(Jdbi jdbi, String name) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO hosts (name, address, port, ssh_user, host_key, fingerprint, "
                        + "created_at) VALUES (:name, '127.0.0.1', 22, 'root', 'ssh-ed25519 AAAA', 'SHA256:x', :at)")
                .bind("name", name).bind("at", AT).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void appRoundTripsWithItsHostsInDeployOrder(TestDatabase.Named db) {
        AppDao dao = db.jdbi().onDemand(AppDao.class);
        long h1 = host(db.jdbi(), "h1");
        long h2 = host(db.jdbi(), "h2");

        long id = dao.insertWithHosts(row("web"), List.of(h2, h1));

        AppRow stored = dao.findLive("web").orElseThrow();
        assertThat(stored).isEqualTo(withId(row("web"), id));
        assertThat(dao.hostNames(id)).containsExactly("h2", "h1");
        assertThat(dao.hostId("h1")).contains(h1);
        assertThat(dao.hostId("nope")).isEmpty();
        assertThat(dao.listLive()).extracting(AppRow::name).containsExactly("web");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void updateChangesEveryFieldAndReplacesTheHosts(TestDatabase.Named db) {
        AppDao dao = db.jdbi().onDemand(AppDao.class);
        long h1 = host(db.jdbi(), "h1");
        long h2 = host(db.jdbi(), "h2");
        long id = dao.insertWithHosts(row("web"), List.of(h1));
        AppRow changed = new AppRow(id, "web", null, "release/2", 9090, "", 21, null, 30, null, null, 60, 3, null,
                "v1:other", AT, null, 64, "reject", "restart", 5, 0, false);

        dao.updateWithHosts(changed, List.of(h2, h1));

        assertThat(dao.findLive("web")).contains(changed);
        assertThat(dao.hostNames(id)).containsExactly("h2", "h1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void deletedAppIsHiddenAndLetsGoOfItsHostsButKeepsItsRow(TestDatabase.Named db) {
        AppDao dao = db.jdbi().onDemand(AppDao.class);
        long id = dao.insertWithHosts(row("web"), List.of(host(db.jdbi(), "h1")));
        Instant deletedAt = AT.plus(1, ChronoUnit.DAYS);

        dao.markDeleted(id, deletedAt);

        assertThat(dao.findLive("web")).isEmpty();
        assertThat(dao.listLive()).isEmpty();
        assertThat(dao.hostNames(id)).isEmpty();
        assertThat(dao.findAny("web").orElseThrow().deletedAt()).isEqualTo(deletedAt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void purgeRemovesTheAppAndItsConfigByCascade(TestDatabase.Named db) {
        AppDao dao = db.jdbi().onDemand(AppDao.class);
        long id = dao.insertWithHosts(row("web"), List.of(host(db.jdbi(), "h1")));
        db.jdbi().useHandle(h -> h.execute("INSERT INTO config_vars (app_id, var_key, value_encrypted, updated_at) "
                + "VALUES (?, 'K', 'v1:x', ?)", id, AT));

        assertThat(dao.purge(id)).isEqualTo(1);

        assertThat(dao.findAny("web")).isEmpty();
        int vars = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM config_vars").mapTo(Integer.class).one());
        assertThat(vars).isZero();
    }

    static AppRow withId(AppRow r, long id) {
        return new AppRow(id, r.name(), r.repoUrl(), r.branch(), r.port(), r.javaOptions(), r.javaVersion(), r.healthPath(),
                r.healthTimeoutSeconds(), r.buildCommand(), r.artifactPath(), r.buildTimeoutSeconds(), r.keepReleases(),
                r.batchSize(), r.webhookSecret(), r.createdAt(), r.deletedAt(), r.maxPushMib(), r.secretsOnPush(), r.strategy(),
                r.drainSeconds(), r.standbySeconds(), r.canary());
    }
}
