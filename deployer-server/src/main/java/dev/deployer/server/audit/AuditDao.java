package dev.deployer.server.audit;

import dev.deployer.api.AuditEntry;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {
    @SqlUpdate("INSERT INTO audit_log (at, actor, action, target, detail) VALUES (:at, :actor, :action, :target, :detail)")
    void insert(@Bind("at") Instant at, @Bind("actor") String actor, @Bind("action") String action,
                @Bind("target") String target, @Bind("detail") String detail);

    @SqlQuery("SELECT at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT :limit")
    List<AuditEntry> latest(@Bind("limit") int limit);
}
