package dev.deployer.server.hosts;

import dev.deployer.server.ssh.HostTarget;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HostDaoTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void hostRoundTripsAndRepins(TestDatabase.Named db) {
        HostDao dao = db.jdbi().onDemand(HostDao.class);
        HostDao.HostRow row = new HostDao.HostRow(0, "web1", "10.0.0.5", 2222, "deploy", "ssh-ed25519 AAAA", "SHA256:old", NOW);
        long id = dao.insert(row);

        assertThat(dao.find("web1")).contains(new HostDao.HostRow(id, "web1", "10.0.0.5", 2222, "deploy", "ssh-ed25519 AAAA",
                "SHA256:old", NOW));
        assertThat(dao.repin(id, "ssh-ed25519 BBBB", "SHA256:new")).isEqualTo(1);
        assertThat(dao.find("web1").orElseThrow().target())
                .isEqualTo(new HostTarget("web1", "10.0.0.5", 2222, "deploy", "ssh-ed25519 BBBB", "SHA256:new"));
        assertThat(dao.find("web2")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void removalIsRefusedWhileALiveAppUsesTheHostAndNamesTheApps(TestDatabase.Named db) {
        HostDao dao = db.jdbi().onDemand(HostDao.class);
        long web1 = dao.insert(new HostDao.HostRow(0, "web1", "10.0.0.5", 22, "root", "ssh-ed25519 AAAA", "SHA256:a", NOW));
        long web2 = dao.insert(new HostDao.HostRow(0, "web2", "10.0.0.6", 22, "root", "ssh-ed25519 BBBB", "SHA256:b", NOW));
        db.jdbi().useHandle(handle -> {
            place(handle, app(handle, "shop", 8080, 17, false), web1);
            place(handle, app(handle, "blog", 9090, 21, false), web1);
            place(handle, app(handle, "old", 7070, 17, true), web2);
            handle.execute("UPDATE apps SET strategy = 'zero-downtime' WHERE name = 'shop'");
        });

        assertThat(dao.placements()).containsExactly(new HostDao.Placement("web1", "blog"), new HostDao.Placement("web1", "shop"));
        assertThat(dao.needsOn(web1)).containsExactly(new AppNeeds("blog", 9090, 21, "restart"),
                new AppNeeds("shop", 8080, 17, "zero-downtime"));
        assertThat(dao.removeUnused(web1)).containsExactly("blog", "shop");
        assertThat(dao.find("web1")).isPresent();

        // Only a deleted app still points at web2: its placement goes with the host.
        assertThat(dao.removeUnused(web2)).isEmpty();
        assertThat(dao.find("web2")).isEmpty();
    }

    private static long app(Handle handle, String name, int port, int java, boolean deleted) {
        return handle.createUpdate("INSERT INTO apps (name, branch, port, java_options, java_version, health_timeout_seconds, "
                        + "build_timeout_seconds, keep_releases, webhook_secret, created_at, deleted_at) "
                        + "VALUES (:name, 'main', :port, '', :java, 60, 600, 5, 'sealed', :now, :deleted)")
                .bind("name", name).bind("port", port).bind("java", java).bind("now", NOW).bind("deleted", deleted ? NOW : null)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static void place(Handle handle, long app, long host) {
        handle.createUpdate("INSERT INTO app_hosts (app_id, host_id, position) VALUES (:app, :host, 0)")
                .bind("app", app).bind("host", host).execute();
    }
}
