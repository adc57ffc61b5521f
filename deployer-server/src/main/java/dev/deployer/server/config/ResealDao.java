package dev.deployer.server.config;

import dev.deployer.server.secrets.SecretBox;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Every column that holds a value sealed by {@link SecretBox}: what a master key rotation re-seals. */
@RegisterConstructorMapper(ResealDao.Sealed.class)
public interface ResealDao {
    /** A sealed value and the key of its row (for config vars, the app id and the var name). */
    record Sealed(long id, String name, String sealed) {}

    @SqlQuery("SELECT app_id AS id, var_key AS name, value_encrypted AS sealed FROM config_vars")
    List<Sealed> configVars();

    @SqlUpdate("UPDATE config_vars SET value_encrypted = :sealed WHERE app_id = :id AND var_key = :name")
    void updateConfigVar(@Bind("id") long appId, @Bind("name") String key, @Bind("sealed") String sealed);

    @SqlQuery("SELECT id, name, webhook_secret AS sealed FROM apps")
    List<Sealed> webhookSecrets();

    @SqlUpdate("UPDATE apps SET webhook_secret = :sealed WHERE id = :id")
    void updateWebhookSecret(@Bind("id") long appId, @Bind("sealed") String sealed);

    @SqlQuery("SELECT id, CAST(version AS VARCHAR(20)) AS name, config_snapshot AS sealed FROM releases")
    List<Sealed> configSnapshots();

    @SqlUpdate("UPDATE releases SET config_snapshot = :sealed WHERE id = :id")
    void updateConfigSnapshot(@Bind("id") long releaseId, @Bind("sealed") String sealed);

    @SqlQuery("SELECT id, CAST(app_id AS VARCHAR(20)) AS name, url_encrypted AS sealed FROM notify_webhooks")
    List<Sealed> notifyUrls();

    @SqlUpdate("UPDATE notify_webhooks SET url_encrypted = :sealed WHERE id = :id")
    void updateNotifyUrl(@Bind("id") long webhookId, @Bind("sealed") String sealed);
}
