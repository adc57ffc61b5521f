package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.storage.StoredText;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(DeploymentDao.Row.class)
@RegisterConstructorMapper(DeploymentInfo.HostState.class)
@RegisterConstructorMapper(DeploymentEvent.class)
public interface DeploymentDao {
    /** Column sizes of V1: text is cut to these where it is stored, never turned into an SQL error. */
    int REASON_CHARS = 4000;
    int HOST_MESSAGE_CHARS = 4000;
    int EVENT_MESSAGE_CHARS = 10000;

    record Row(long id, long appId, String app, Long releaseId, Integer version, String kind, String ref, String status,
               String reason, String createdBy, Instant startedAt, Instant finishedAt) {}

    String SELECT = "SELECT d.id, d.app_id, a.name AS app, d.release_id, r.version, d.kind, d.ref, d.status, d.reason, "
            + "d.created_by, d.started_at, d.finished_at FROM deployments d JOIN apps a ON a.id = d.app_id "
            + "LEFT JOIN releases r ON r.id = d.release_id ";

    default long insert(long appId, String kind, String ref, String createdBy, Instant at) {
        return insert(appId, kind, ref, createdBy, null, at);
    }

    /** A queued deployment that {@code owner} (a server process) runs and keeps alive with its heartbeat. */
    @SqlUpdate("INSERT INTO deployments (app_id, kind, ref, status, created_by, started_at, owner, heartbeat_at) "
            + "VALUES (:appId, :kind, :ref, 'queued', :createdBy, :at, :owner, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("appId") long appId, @Bind("kind") String kind, @Bind("ref") String ref,
                @Bind("createdBy") String createdBy, @Bind("owner") String owner, @Bind("at") Instant at);

    @SqlQuery(SELECT + "WHERE d.id = :id")
    Optional<Row> find(@Bind("id") long id);

    @SqlQuery(SELECT + "WHERE d.app_id = :appId ORDER BY d.id DESC LIMIT :limit")
    List<Row> latest(@Bind("appId") long appId, @Bind("limit") int limit);

    /** A page of the app's deployments, newest first: those with an id below {@code before}. */
    @SqlQuery(SELECT + "WHERE d.app_id = :appId AND d.id < :before ORDER BY d.id DESC LIMIT :limit")
    List<Row> page(@Bind("appId") long appId, @Bind("before") long before, @Bind("limit") int limit);

    @SqlQuery(SELECT + "WHERE d.finished_at IS NULL ORDER BY d.id")
    List<Row> unfinished();

    /** At start: unfinished deployments of no owner, of an earlier life of {@code owner}, or whose owner went quiet. */
    @SqlQuery(SELECT + "WHERE d.finished_at IS NULL AND (d.owner IS NULL OR d.owner = :owner OR d.heartbeat_at IS NULL "
            + "OR d.heartbeat_at < :staleBefore) ORDER BY d.id")
    List<Row> orphanedAtStart(@Bind("owner") String owner, @Bind("staleBefore") Instant staleBefore);

    /** While running: unfinished deployments of another server whose heartbeat stopped. */
    @SqlQuery(SELECT + "WHERE d.finished_at IS NULL AND d.owner <> :owner AND d.heartbeat_at < :staleBefore ORDER BY d.id")
    List<Row> orphanedOfOthers(@Bind("owner") String owner, @Bind("staleBefore") Instant staleBefore);

    @SqlUpdate("UPDATE deployments SET release_id = :releaseId WHERE id = :id")
    void setRelease(@Bind("id") long id, @Bind("releaseId") long releaseId);

    @SqlUpdate("UPDATE deployments SET status = :status WHERE id = :id")
    void setStatus(@Bind("id") long id, @Bind("status") String status);

    default void finish(long id, String status, String reason, Instant at) {
        finishRow(id, status, StoredText.fit(reason, REASON_CHARS), at);
    }

    @SqlUpdate("UPDATE deployments SET status = :status, reason = :reason, finished_at = :at WHERE id = :id")
    void finishRow(@Bind("id") long id, @Bind("status") String status, @Bind("reason") String reason, @Bind("at") Instant at);

    /** The release the app's hosts run: that of its newest deployment that succeeded. */
    @SqlQuery("SELECT release_id FROM deployments WHERE app_id = :appId AND status = 'succeeded' ORDER BY id DESC LIMIT 1")
    Optional<Long> currentReleaseId(@Bind("appId") long appId);

    default void hostState(long deploymentId, String host, String state, String message, Instant at) {
        message = StoredText.fit(message, HOST_MESSAGE_CHARS);
        if (updateHost(deploymentId, host, state, message, at) == 0) {
            insertHost(deploymentId, host, state, message, at);
        }
    }

    @SqlUpdate("UPDATE deployment_hosts SET state = :state, message = :message, updated_at = :at "
            + "WHERE deployment_id = :id AND host_id = (SELECT id FROM hosts WHERE name = :host)")
    int updateHost(@Bind("id") long id, @Bind("host") String host, @Bind("state") String state,
                   @Bind("message") String message, @Bind("at") Instant at);

    @SqlUpdate("INSERT INTO deployment_hosts (deployment_id, host_id, state, message, updated_at) "
            + "VALUES (:id, (SELECT id FROM hosts WHERE name = :host), :state, :message, :at)")
    void insertHost(@Bind("id") long id, @Bind("host") String host, @Bind("state") String state,
                    @Bind("message") String message, @Bind("at") Instant at);

    @SqlQuery("SELECT h.name AS host, dh.state, dh.message, dh.updated_at FROM deployment_hosts dh "
            + "JOIN hosts h ON h.id = dh.host_id WHERE dh.deployment_id = :id ORDER BY h.name")
    List<DeploymentInfo.HostState> hosts(@Bind("id") long id);

    default long insertEvent(long deployment, Instant at, String host, String step, String outcome, Long durationMs,
                             String message) {
        return insertEventRow(deployment, at, host, step, outcome, durationMs, StoredText.fit(message, EVENT_MESSAGE_CHARS));
    }

    @SqlUpdate("INSERT INTO deployment_events (deployment_id, at, host, step, outcome, duration_ms, message) "
            + "VALUES (:deployment, :at, :host, :step, :outcome, :durationMs, :message)")
    @GetGeneratedKeys("id")
    long insertEventRow(@Bind("deployment") long deployment, @Bind("at") Instant at, @Bind("host") String host,
                     @Bind("step") String step, @Bind("outcome") String outcome, @Bind("durationMs") Long durationMs,
                     @Bind("message") String message);

    @SqlQuery("SELECT id, deployment_id AS deployment, at, host, step, outcome, duration_ms, message FROM deployment_events "
            + "WHERE deployment_id = :deployment AND id > :after ORDER BY id")
    List<DeploymentEvent> events(@Bind("deployment") long deployment, @Bind("after") long after);

    record Output(String output, long totalChars, long totalLines) {}

    @SqlUpdate("INSERT INTO deployment_output (deployment_id, output, total_chars, total_lines) "
            + "VALUES (:id, :output, :totalChars, :totalLines)")
    void insertOutput(@Bind("id") long id, @Bind("output") String output, @Bind("totalChars") long totalChars,
                      @Bind("totalLines") long totalLines);

    @SqlQuery("SELECT output, total_chars, total_lines FROM deployment_output WHERE deployment_id = :id")
    @RegisterConstructorMapper(Output.class)
    Optional<Output> output(@Bind("id") long id);
}
