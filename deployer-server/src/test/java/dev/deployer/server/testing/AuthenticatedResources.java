package dev.deployer.server.testing;

import dev.deployer.api.Role;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.auth.TokenDao;
import dev.deployer.server.auth.TokenService;
import dev.deployer.server.http.DomainErrors;
import dev.deployer.server.http.PathValues;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.time.Clock;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * Resource tests with the real bearer-token check: one token per role on a migrated H2, and the
 * same filter, role rule, {@code @Auth Caller} binding, error mapping and path values the server registers.
 */
public final class AuthenticatedResources {
    public final TestDatabase.Named db = TestDatabase.h2();
    public final TokenService tokens = new TokenService(db.jdbi().onDemand(TokenDao.class), Clock.systemUTC());
    public final String admin = tokens.create("admin-token", Role.ADMIN).token();
    public final String deployer = tokens.create("deployer-token", Role.DEPLOYER).token();
    public final String viewer = tokens.create("viewer-token", Role.VIEWER).token();

    public ResourceExtension.Builder builder() {
        OAuthCredentialAuthFilter<Caller> filter = new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(tokens::authenticate)
                .setAuthorizer((caller, role, context) -> caller.role().includes(Role.parse(role)))
                .setPrefix("Bearer")
                .buildAuthFilter();
        return ResourceExtension.builder()
                .addProvider(new AuthDynamicFeature(filter))
                .addProvider(RolesAllowedDynamicFeature.class)
                .addProvider(new AuthValueFactoryProvider.Binder<>(Caller.class))
                .addProvider(new DomainErrors())
                .addProvider(new PathValues());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
