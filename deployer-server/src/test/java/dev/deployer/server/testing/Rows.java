package dev.deployer.server.testing;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** Minimal rows that DAO tests of dependent tables need: an app, a host. */
public final class Rows {
    private Rows() {}

    public static long app(Jdbi jdbi, String name) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO apps (name, branch, port, java_options, java_version, "
                        + "health_timeout_seconds, build_timeout_seconds, keep_releases, webhook_secret, created_at) "
                        + "VALUES (:name, 'main', 8080, '', 17, 60, 900, 5, 'v1:x', :at)")
                .bind("name", name).bind("at", Instant.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public static void host(Jdbi jdbi, String name) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO hosts (name, address, port, ssh_user, host_key, fingerprint, created_at) "
                        + "VALUES (:name, '127.0.0.1', 22, 'root', 'ssh-ed25519 AAAA', 'SHA256:x', :at)")
                .bind("name", name).bind("at", Instant.now()).execute());
    }
}
