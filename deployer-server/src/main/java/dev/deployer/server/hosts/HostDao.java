package dev.deployer.server.hosts;

import dev.deployer.server.ssh.HostTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Hosts with their pinned keys, and which live apps run on each. */
@RegisterConstructorMapper(HostDao.HostRow.class)
@RegisterConstructorMapper(HostDao.Placement.class)
@RegisterConstructorMapper(AppNeeds.class)
public interface HostDao {
    record HostRow(long id, String name, String address, int port, String sshUser, String hostKey, String fingerprint,
                   Instant createdAt) {
        public HostTarget target() {
            return new HostTarget(name, address, port, sshUser, hostKey, fingerprint);
        }
    }

    /** One live app on one host. */
    record Placement(String host, String app) {}

    String COLUMNS = "id, name, address, port, ssh_user, host_key, fingerprint, created_at";

    @SqlUpdate("INSERT INTO hosts (name, address, port, ssh_user, host_key, fingerprint, created_at) "
            + "VALUES (:name, :address, :port, :sshUser, :hostKey, :fingerprint, :createdAt)")
    @GetGeneratedKeys("id")
    long insert(@BindMethods HostRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM hosts WHERE name = :name")
    Optional<HostRow> find(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM hosts ORDER BY name")
    List<HostRow> list();

    @SqlUpdate("UPDATE hosts SET host_key = :hostKey, fingerprint = :fingerprint WHERE id = :id")
    int repin(@Bind("id") long id, @Bind("hostKey") String hostKey, @Bind("fingerprint") String fingerprint);

    @SqlQuery("SELECT h.name AS host, a.name AS app FROM app_hosts ah JOIN apps a ON a.id = ah.app_id "
            + "JOIN hosts h ON h.id = ah.host_id WHERE a.deleted_at IS NULL ORDER BY h.name, a.name")
    List<Placement> placements();

    @SqlQuery("SELECT a.name FROM app_hosts ah JOIN apps a ON a.id = ah.app_id "
            + "WHERE ah.host_id = :id AND a.deleted_at IS NULL ORDER BY a.name")
    List<String> liveAppsOn(@Bind("id") long hostId);

    /** What the live apps on a host need from it: preflight compares java, ports and the proxy against these. */
    @SqlQuery("SELECT a.name, a.port, a.java_version, a.strategy FROM app_hosts ah JOIN apps a ON a.id = ah.app_id "
            + "WHERE ah.host_id = :id AND a.deleted_at IS NULL ORDER BY a.name")
    List<AppNeeds> needsOn(@Bind("id") long hostId);

    @SqlUpdate("DELETE FROM app_hosts WHERE host_id = :id")
    void deletePlacements(@Bind("id") long hostId);

    @SqlUpdate("DELETE FROM deployment_hosts WHERE host_id = :id")
    void deleteDeploymentStates(@Bind("id") long hostId);

    @SqlUpdate("DELETE FROM hosts WHERE id = :id")
    int deleteRow(@Bind("id") long hostId);

    /**
     * Removes a host no live app uses. Deleted apps' placements and past per-host deployment states
     * go with it (their events keep the host's name); returns the live apps that block removal, if any.
     */
    @Transaction
    default List<String> removeUnused(long hostId) {
        List<String> users = liveAppsOn(hostId);
        if (users.isEmpty()) {
            deletePlacements(hostId);
            deleteDeploymentStates(hostId);
            deleteRow(hostId);
        }
        return users;
    }
}
