package dev.deployer.server.auth;

import dev.deployer.api.Role;
import dev.deployer.api.TokenInfo;
import dev.deployer.server.storage.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens: random, shown once, stored only as a SHA-256 hash (the tokens carry 256 bits of
 * randomness, so a slow hash adds nothing).
 */
public class TokenService {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$");
    private static final String PREFIX = "dpl_";

    private final TokenDao dao;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(TokenDao dao, Clock clock) {
        this.dao = dao;
        this.clock = clock;
    }

    /** On the very first start: an admin token, written to the data dir (0600). Empty when tokens exist. */
    public Optional<String> bootstrapAdmin(DataDir dataDir) {
        if (dao.countAll() > 0) {
            return Optional.empty();
        }
        TokenInfo admin = create("admin", Role.ADMIN);
        try {
            DataDir.writePrivate(dataDir.adminToken(), admin.token() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(admin.token());
    }

    public TokenInfo create(String name, Role role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name must be 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        if (dao.countByName(name) > 0) {
            throw new IllegalStateException("a token named '" + name + "' already exists");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long id = dao.insert(name, role.wireName(), hash(token), clock.instant());
        return new TokenInfo(id, name, role.wireName(), clock.instant(), token);
    }

    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return dao.findActiveByHash(hash(token.trim())).map(row -> new Caller(row.name(), Role.parse(row.role())));
    }

    public List<TokenInfo> list() {
        return dao.listActive().stream()
                .map(row -> new TokenInfo(row.id(), row.name(), row.role(), row.createdAt(), null))
                .toList();
    }

    public boolean revoke(long id) {
        return dao.revoke(id, clock.instant()) > 0;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
