package dev.deployer.server.deploy;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Old deployments that nothing needs any more; their host states and events go with them (ON DELETE CASCADE). */
public interface DeploymentHistoryDao {
    /**
     * Up to {@code limit} deployments that finished before {@code before}, oldest first, except each
     * app's newest successful one (it says which release is current) and those of each app's newest
     * {@code recentReleases} releases.
     */
    @SqlQuery("SELECT d.id FROM deployments d WHERE d.finished_at IS NOT NULL AND d.finished_at < :before "
            + "AND d.id NOT IN (SELECT MAX(s.id) FROM deployments s WHERE s.status = 'succeeded' GROUP BY s.app_id) "
            + "AND (d.release_id IS NULL OR d.release_id NOT IN (SELECT r.id FROM releases r WHERE r.version > "
            + "(SELECT MAX(m.version) FROM releases m WHERE m.app_id = r.app_id) - :recent)) "
            + "ORDER BY d.id LIMIT :limit")
    List<Long> expired(@Bind("before") Instant before, @Bind("recent") int recentReleases, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM deployments WHERE id IN (<ids>)")
    int delete(@BindList("ids") List<Long> ids);
}
