package dev.deployer.server.build;

import dev.deployer.api.AppName;
import dev.deployer.api.BuildCacheCleared;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.errors.NotFound;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Predicate;

/** {@code DELETE /api/apps/{app}/build-cache}: clears one app's build caches, after any build of it that runs. */
@Path("/api/apps/{app}/build-cache")
@Produces(MediaType.APPLICATION_JSON)
public class BuildCacheResource {
    private final Builder builder;
    private final Predicate<String> appExists;
    private final AuditLog audit;

    public BuildCacheResource(Builder builder, Predicate<String> appExists, AuditLog audit) {
        this.builder = builder;
        this.appExists = appExists;
        this.audit = audit;
    }

    @DELETE
    @RolesAllowed("deployer")
    public BuildCacheCleared clear(@Auth Caller caller, @PathParam("app") AppName name) throws InterruptedException {
        String app = name.value();
        if (!appExists.test(app)) { // only a live app's name reaches the disk
            throw new NotFound("no app named " + app);
        }
        long freed = builder.clearCache(app);
        audit.record(caller, "app.build-cache.clear", app, freed + " bytes freed");
        return new BuildCacheCleared(app, freed);
    }
}
