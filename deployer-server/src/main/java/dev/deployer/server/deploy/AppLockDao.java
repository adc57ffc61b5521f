package dev.deployer.server.deploy;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The one-deployment-per-app lock, in the database: see V7. */
public interface AppLockDao {
    /**
     * Takes a free lock, or one whose owner's heartbeat is older than {@code staleBefore}. True when taken. Two
     * statements, each atomic on its own: a transaction around them would be aborted by the raced insert on PostgreSQL.
     */
    default boolean tryLock(long appId, String owner, Instant now, Instant staleBefore) {
        if (takeOver(appId, owner, now, staleBefore) == 1) {
            return true;
        }
        try {
            return insertIfFree(appId, owner, now) == 1;
        } catch (RuntimeException raced) {
            // another server inserted the same app's lock first: the primary key refused ours
            return false;
        }
    }

    @SqlUpdate("UPDATE app_locks SET owner = :owner, deployment_id = NULL, heartbeat_at = :now "
            + "WHERE app_id = :appId AND heartbeat_at < :staleBefore")
    int takeOver(@Bind("appId") long appId, @Bind("owner") String owner, @Bind("now") Instant now,
                 @Bind("staleBefore") Instant staleBefore);

    @SqlUpdate("INSERT INTO app_locks (app_id, owner, heartbeat_at) SELECT :appId, :owner, :now FROM apps "
            + "WHERE id = :appId AND NOT EXISTS (SELECT 1 FROM app_locks WHERE app_id = :appId)")
    int insertIfFree(@Bind("appId") long appId, @Bind("owner") String owner, @Bind("now") Instant now);

    @SqlUpdate("UPDATE app_locks SET deployment_id = :deployment WHERE app_id = :appId AND owner = :owner")
    int holdBy(@Bind("appId") long appId, @Bind("owner") String owner, @Bind("deployment") long deployment);

    @SqlUpdate("DELETE FROM app_locks WHERE app_id = :appId AND owner = :owner")
    int release(@Bind("appId") long appId, @Bind("owner") String owner);

    /** The holder's deployment, when the lock is held and fresh; empty deployment id while it is starting. */
    @SqlQuery("SELECT COALESCE(deployment_id, 0) FROM app_locks WHERE app_id = :appId AND heartbeat_at >= :staleBefore")
    Optional<Long> holder(@Bind("appId") long appId, @Bind("staleBefore") Instant staleBefore);

    /** This owner is alive: its locks and its unfinished deployments say so. */
    @Transaction
    default void heartbeat(String owner, Instant now) {
        refreshLocks(owner, now);
        refreshDeployments(owner, now);
    }

    @SqlUpdate("UPDATE app_locks SET heartbeat_at = :now WHERE owner = :owner")
    int refreshLocks(@Bind("owner") String owner, @Bind("now") Instant now);

    @SqlUpdate("UPDATE deployments SET heartbeat_at = :now WHERE owner = :owner AND finished_at IS NULL")
    int refreshDeployments(@Bind("owner") String owner, @Bind("now") Instant now);

    /** A previous life of this owner (the same data dir, restarted) holds nothing any more. */
    @SqlUpdate("DELETE FROM app_locks WHERE owner = :owner")
    int releaseAll(@Bind("owner") String owner);
}
