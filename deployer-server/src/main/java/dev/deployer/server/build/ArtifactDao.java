package dev.deployer.server.build;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Which commit of which app built which jar: one row per (app, commit), see V2 for why. */
@RegisterConstructorMapper(ArtifactDao.ArtifactRow.class)
public interface ArtifactDao {
    record ArtifactRow(long appId, String commitSha, String sha256, long sizeBytes, Instant createdAt) {}

    @SqlQuery("SELECT id FROM apps WHERE name = :name")
    Optional<Long> appId(@Bind("name") String app);

    @SqlQuery("SELECT app_id, commit_sha, sha256, size_bytes, created_at FROM artifacts WHERE app_id = :appId AND commit_sha = :commit")
    Optional<ArtifactRow> forCommit(@Bind("appId") long appId, @Bind("commit") String commit);

    @SqlQuery("SELECT app_id, commit_sha, sha256, size_bytes, created_at FROM artifacts WHERE app_id = :appId ORDER BY created_at, commit_sha")
    List<ArtifactRow> forApp(@Bind("appId") long appId);

    @SqlUpdate("DELETE FROM artifacts WHERE app_id = :appId AND commit_sha = :commit")
    int delete(@Bind("appId") long appId, @Bind("commit") String commit);

    @SqlUpdate("INSERT INTO artifacts (app_id, commit_sha, sha256, size_bytes, created_at) VALUES (:appId, :commit, :sha256, :size, :at)")
    void insert(@Bind("appId") long appId, @Bind("commit") String commit, @Bind("sha256") String sha256,
                @Bind("size") long size, @Bind("at") Instant at);

    /** A rebuild of a commit (its jar was lost) replaces the old row rather than failing on the key. */
    @Transaction
    default void record(long appId, String commit, String sha256, long size, Instant at) {
        delete(appId, commit);
        insert(appId, commit, sha256, size, at);
    }

    @SqlUpdate("DELETE FROM artifacts WHERE app_id = :appId AND sha256 = :sha256")
    int deleteBySha256(@Bind("appId") long appId, @Bind("sha256") String sha256);

    @SqlQuery("SELECT COUNT(*) FROM artifacts WHERE sha256 = :sha256")
    int countBySha256(@Bind("sha256") String sha256);
}
