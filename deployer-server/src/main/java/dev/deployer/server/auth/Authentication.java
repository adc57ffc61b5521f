package dev.deployer.server.auth;

import dev.deployer.api.ApiError;
import dev.deployer.api.Role;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** Bearer tokens on /api/*: 401 without a valid one, 403 when the role may not do the thing. */
public final class Authentication {
    private Authentication() {}

    public static void register(Environment environment, TokenService tokens) {
        OAuthCredentialAuthFilter<Caller> filter = new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(token -> tokens.authenticate(token))
                .setAuthorizer((caller, role, context) -> caller.role().includes(Role.parse(role)))
                .setPrefix("Bearer")
                .setRealm("deployer")
                .setUnauthorizedHandler(new JsonUnauthorized())
                .buildAuthFilter();
        environment.jersey().register(new AuthDynamicFeature(filter));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
    }

    private static final class JsonUnauthorized implements UnauthorizedHandler {
        @Override
        public Response buildResponse(String prefix, String realm) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header("WWW-Authenticate", prefix + " realm=\"" + realm + "\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(401, "a valid API token is required: send 'Authorization: Bearer TOKEN'"))
                    .build();
        }
    }
}
