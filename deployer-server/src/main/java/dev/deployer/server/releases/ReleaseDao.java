package dev.deployer.server.releases;

import dev.deployer.api.ReleaseStatus;
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

@RegisterConstructorMapper(Release.class)
public interface ReleaseDao {
    String COLUMNS = "id, app_id, version, commit_sha, artifact_sha256, artifact_size, config_snapshot, unit_text, "
            + "description, status, created_by, created_at, processes, formation, cron_jobs";

    /** {@link #insertNext(long, String, String, long, String, String, String, String, Instant, String, String, String)} with no Procfile. */
    default Release insertNext(long appId, String commitSha, String artifactSha256, long artifactSize, String configSnapshot,
                               String unitText, String description, String createdBy, Instant at) {
        return insertNext(appId, commitSha, artifactSha256, artifactSize, configSnapshot, unitText, description, createdBy, at,
                null, null, null);
    }

    /** Inserts the next version of the app; the version is read and written in one transaction. */
    @Transaction
    default Release insertNext(long appId, String commitSha, String artifactSha256, long artifactSize, String configSnapshot,
                               String unitText, String description, String createdBy, Instant at, String processes,
                               String formation, String cronJobs) {
        int version = nextVersion(appId);
        Release draft = new Release(0, appId, version, commitSha, artifactSha256, artifactSize, configSnapshot, unitText,
                description, ReleaseStatus.PENDING.value(), createdBy, at, processes, formation, cronJobs);
        long id = insert(draft);
        return find(id).orElseThrow();
    }

    @SqlQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM releases WHERE app_id = :appId")
    int nextVersion(@Bind("appId") long appId);

    @SqlUpdate("INSERT INTO releases (app_id, version, commit_sha, artifact_sha256, artifact_size, config_snapshot, unit_text, "
            + "description, status, created_by, created_at, processes, formation, cron_jobs) VALUES (:appId, :version, :commitSha, "
            + ":artifactSha256, :artifactSize, :configSnapshot, :unitText, :description, :status, :createdBy, :createdAt, "
            + ":processes, :formation, :cronJobs)")
    @GetGeneratedKeys("id")
    long insert(@BindMethods Release release);

    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE id = :id")
    Optional<Release> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE app_id = :appId AND version = :version")
    Optional<Release> findVersion(@Bind("appId") long appId, @Bind("version") int version);

    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE app_id = :appId ORDER BY version DESC")
    List<Release> history(@Bind("appId") long appId);

    /** The newest release that once went out whole, older than {@code version}: what rollback returns to. */
    @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE app_id = :appId AND status = 'succeeded' AND version < :version "
            + "ORDER BY version DESC LIMIT 1")
    Optional<Release> lastGoodBefore(@Bind("appId") long appId, @Bind("version") int version);

    @SqlUpdate("UPDATE releases SET status = :status WHERE id = :id")
    void setStatus(@Bind("id") long id, @Bind("status") String status);
}
