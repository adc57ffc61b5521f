package dev.deployer.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TokenDao.TokenRow.class)
public interface TokenDao {
    record TokenRow(long id, String name, String role, String tokenHash, Instant createdAt) {}

    @SqlUpdate("INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (:name, :role, :hash, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("role") String role, @Bind("hash") String hash, @Bind("at") Instant at);

    @SqlQuery("SELECT id, name, role, token_hash, created_at FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
    Optional<TokenRow> findActiveByHash(@Bind("hash") String hash);

    @SqlQuery("SELECT id, name, role, token_hash, created_at FROM api_tokens WHERE revoked_at IS NULL ORDER BY id")
    List<TokenRow> listActive();

    @SqlQuery("SELECT COUNT(*) FROM api_tokens")
    int countAll();

    @SqlQuery("SELECT COUNT(*) FROM api_tokens WHERE name = :name")
    int countByName(@Bind("name") String name);

    @SqlUpdate("UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") long id, @Bind("at") Instant at);
}
