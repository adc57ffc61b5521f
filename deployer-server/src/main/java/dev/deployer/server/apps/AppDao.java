package dev.deployer.server.apps;

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

/** Apps and their hosts. A deleted app keeps its row (and so its release history) until purged. */
@RegisterConstructorMapper(AppDao.AppRow.class)
public interface AppDao {
    /** A row of {@code apps}; {@code webhookSecret} is sealed by SecretBox. */
    record AppRow(long id, String name, String repoUrl, String branch, int port, String javaOptions, int javaVersion,
                  String healthPath, int healthTimeoutSeconds, String buildCommand, String artifactPath,
                  int buildTimeoutSeconds, int keepReleases, Integer batchSize, String webhookSecret,
                  Instant createdAt, Instant deletedAt, int maxPushMib, String secretsOnPush, String strategy,
                  int drainSeconds, int standbySeconds, boolean canary) {}

    String COLUMNS = "id, name, repo_url, branch, port, java_options, java_version, health_path, health_timeout_seconds, "
            + "build_command, artifact_path, build_timeout_seconds, keep_releases, batch_size, webhook_secret, "
            + "created_at, deleted_at, max_push_mib, secrets_on_push, strategy, drain_seconds, standby_seconds, canary";

    @SqlQuery("SELECT " + COLUMNS + " FROM apps WHERE name = :name AND deleted_at IS NULL")
    Optional<AppRow> findLive(@Bind("name") String name);

    /** Live or deleted: what create revives and purge removes. */
    @SqlQuery("SELECT " + COLUMNS + " FROM apps WHERE name = :name")
    Optional<AppRow> findAny(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM apps WHERE deleted_at IS NULL ORDER BY name")
    List<AppRow> listLive();

    @SqlUpdate("INSERT INTO apps (name, repo_url, branch, port, java_options, java_version, health_path, "
            + "health_timeout_seconds, build_command, artifact_path, build_timeout_seconds, keep_releases, batch_size, "
            + "webhook_secret, created_at, max_push_mib, secrets_on_push, strategy, drain_seconds, standby_seconds, canary) VALUES (:name, :repoUrl, :branch, :port, :javaOptions, :javaVersion, "
            + ":healthPath, :healthTimeoutSeconds, :buildCommand, :artifactPath, :buildTimeoutSeconds, :keepReleases, "
            + ":batchSize, :webhookSecret, :createdAt, :maxPushMib, :secretsOnPush, :strategy, :drainSeconds, :standbySeconds, :canary)")
    @GetGeneratedKeys("id")
    long insert(@BindMethods AppRow row);

    /** Every field but the id and name; also how a deleted app is revived ({@code deletedAt} null). */
    @SqlUpdate("UPDATE apps SET repo_url = :repoUrl, branch = :branch, port = :port, java_options = :javaOptions, "
            + "java_version = :javaVersion, health_path = :healthPath, health_timeout_seconds = :healthTimeoutSeconds, "
            + "build_command = :buildCommand, artifact_path = :artifactPath, build_timeout_seconds = :buildTimeoutSeconds, "
            + "keep_releases = :keepReleases, batch_size = :batchSize, webhook_secret = :webhookSecret, "
            + "created_at = :createdAt, deleted_at = :deletedAt, max_push_mib = :maxPushMib, "
            + "secrets_on_push = :secretsOnPush, strategy = :strategy, drain_seconds = :drainSeconds, "
            + "standby_seconds = :standbySeconds, canary = :canary WHERE id = :id")
    int update(@BindMethods AppRow row);

    /** Host names in deploy order. */
    @SqlQuery("SELECT h.name FROM app_hosts ah JOIN hosts h ON h.id = ah.host_id WHERE ah.app_id = :app ORDER BY ah.position")
    List<String> hostNames(@Bind("app") long appId);

    @SqlQuery("SELECT id FROM hosts WHERE name = :name")
    Optional<Long> hostId(@Bind("name") String name);

    @SqlUpdate("DELETE FROM app_hosts WHERE app_id = :app")
    void clearHosts(@Bind("app") long appId);

    @SqlUpdate("INSERT INTO app_hosts (app_id, host_id, position) VALUES (:app, :host, :position)")
    void addHost(@Bind("app") long appId, @Bind("host") long hostId, @Bind("position") int position);

    @SqlUpdate("UPDATE apps SET deleted_at = :at WHERE id = :id")
    void setDeleted(@Bind("id") long id, @Bind("at") Instant at);

    /** Removes the app and, by cascade, its config, releases, deployments and artifacts. */
    @SqlUpdate("DELETE FROM apps WHERE id = :id")
    int purge(@Bind("id") long id);

    @Transaction
    default long insertWithHosts(AppRow row, List<Long> hostIds) {
        long id = insert(row);
        placeHosts(id, hostIds);
        return id;
    }

    @Transaction
    default void updateWithHosts(AppRow row, List<Long> hostIds) {
        update(row);
        clearHosts(row.id());
        placeHosts(row.id(), hostIds);
    }

    /** The row stays for its history; its hosts are let go, so they can be removed. */
    @Transaction
    default void markDeleted(long id, Instant at) {
        clearHosts(id);
        setDeleted(id, at);
    }

    private void placeHosts(long appId, List<Long> hostIds) {
        for (int position = 0; position < hostIds.size(); position++) {
            addHost(appId, hostIds.get(position), position);
        }
    }
}
