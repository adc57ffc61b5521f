package dev.deployer.server.config;

import dev.deployer.server.secrets.SecretBox;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** An app's config vars, values sealed by {@link SecretBox}: this table never holds a plain value. */
@RegisterConstructorMapper(ConfigDao.VarRow.class)
public interface ConfigDao {
    record VarRow(String varKey, String valueEncrypted, Instant updatedAt) {}

    @SqlQuery("SELECT var_key, value_encrypted, updated_at FROM config_vars WHERE app_id = :app ORDER BY var_key")
    List<VarRow> list(@Bind("app") long appId);

    @SqlUpdate("INSERT INTO config_vars (app_id, var_key, value_encrypted, updated_at) VALUES (:app, :key, :value, :at)")
    void insert(@Bind("app") long appId, @Bind("key") String key, @Bind("value") String valueEncrypted, @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM config_vars WHERE app_id = :app AND var_key = :key")
    int delete(@Bind("app") long appId, @Bind("key") String key);

    @SqlUpdate("DELETE FROM config_vars WHERE app_id = :app")
    int deleteAll(@Bind("app") long appId);

    /** Sets and removes in one transaction: a reader sees the old config or the new one, never half of each. */
    @Transaction
    default void apply(long appId, List<VarRow> set, List<String> unset) {
        for (VarRow row : set) {
            delete(appId, row.varKey());
            insert(appId, row.varKey(), row.valueEncrypted(), row.updatedAt());
        }
        unset.forEach(key -> delete(appId, key));
    }
}
