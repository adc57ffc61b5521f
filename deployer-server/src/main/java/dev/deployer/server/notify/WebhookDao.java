package dev.deployer.server.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Apps' notification webhooks; the URL only ever sealed. */
@RegisterConstructorMapper(WebhookDao.Row.class)
public interface WebhookDao {
    record Row(long id, long appId, String app, String urlEncrypted, String urlMasked, String bodyFormat, String events,
               String createdBy, Instant createdAt) {}

    String SELECT = "SELECT w.id, w.app_id, a.name AS app, w.url_encrypted, w.url_masked, w.body_format, w.events, "
            + "w.created_by, w.created_at FROM notify_webhooks w JOIN apps a ON a.id = w.app_id ";

    @SqlQuery(SELECT + "WHERE w.app_id = :app ORDER BY w.id")
    List<Row> list(@Bind("app") long appId);

    @SqlQuery(SELECT + "WHERE a.name = :app AND a.deleted_at IS NULL ORDER BY w.id")
    List<Row> listByName(@Bind("app") String app);

    @SqlQuery(SELECT + "WHERE w.app_id = :app AND w.id = :id")
    Optional<Row> find(@Bind("app") long appId, @Bind("id") long id);

    @SqlQuery("SELECT COUNT(*) FROM notify_webhooks WHERE app_id = :app")
    int count(@Bind("app") long appId);

    @SqlUpdate("INSERT INTO notify_webhooks (app_id, url_encrypted, url_masked, body_format, events, created_by, created_at) "
            + "VALUES (:app, :url, :masked, :format, :events, :by, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("app") long appId, @Bind("url") String urlEncrypted, @Bind("masked") String masked,
                @Bind("format") String format, @Bind("events") String events, @Bind("by") String createdBy,
                @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM notify_webhooks WHERE app_id = :app AND id = :id")
    int delete(@Bind("app") long appId, @Bind("id") long id);

    @SqlUpdate("DELETE FROM notify_webhooks WHERE app_id = :app")
    int deleteAll(@Bind("app") long appId);
}
