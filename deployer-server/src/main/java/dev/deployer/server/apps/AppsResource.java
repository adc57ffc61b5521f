package dev.deployer.server.apps;

import dev.deployer.api.AppInfo;
import dev.deployer.api.AppName;
import dev.deployer.api.AppRequest;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.errors.InvalidInput;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@Path("/api/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppsResource {
    private final AppService apps;
    private final AuditLog audit;

    public AppsResource(AppService apps, AuditLog audit) {
        this.apps = apps;
        this.audit = audit;
    }

    @GET
    @RolesAllowed("viewer")
    public List<AppInfo> list(@Context UriInfo uri) {
        return apps.list().stream().map(app -> info(app, null, uri)).toList();
    }

    @POST
    @RolesAllowed("admin")
    public Response create(@Auth Caller caller, AppRequest request, @Context UriInfo uri) {
        AppService.Saved saved = apps.create(required(request));
        App app = saved.app();
        audit.record(caller, "app.create", app.name(), "hosts " + String.join(",", app.hosts()) + "; port " + app.port());
        return Response.created(uri.getBaseUriBuilder().path("api/apps").path(app.name()).build())
                .entity(info(app, saved.newWebhookSecret(), uri)).build();
    }

    @GET
    @Path("{app}")
    @RolesAllowed("viewer")
    public AppInfo show(@PathParam("app") AppName name, @Context UriInfo uri) {
        return info(apps.require(name), null, uri);
    }

    @PATCH
    @Path("{app}")
    @RolesAllowed("admin")
    public AppInfo update(@Auth Caller caller, @PathParam("app") AppName name, AppRequest request, @Context UriInfo uri) {
        AppService.Saved saved = apps.update(name.value(), required(request));
        String changed = saved.changedFields().isEmpty() ? "no change" : "changed " + String.join(", ", saved.changedFields());
        audit.record(caller, "app.update", name.value(), changed);
        return info(saved.app(), saved.newWebhookSecret(), uri);
    }

    @DELETE
    @Path("{app}")
    @RolesAllowed("admin")
    public Response delete(@Auth Caller caller, @PathParam("app") AppName name, @QueryParam("purge") boolean purge) {
        apps.delete(name.value(), purge);
        audit.record(caller, "app.delete", name.value(), purge ? "purged with its release history" : "release history kept");
        return Response.noContent().build();
    }

    private static AppRequest required(AppRequest request) {
        if (request == null) {
            throw new InvalidInput("send the app as JSON, e.g. {\"name\": \"web\", \"hosts\": [\"web1\"], \"port\": 8080}");
        }
        return request;
    }

    static AppInfo info(App app, String webhookSecret, UriInfo uri) {
        String webhookUrl = uri.getBaseUriBuilder().path("hooks").path(app.name()).build().toString();
        return new AppInfo(app.name(), RepoUrls.masked(app.repoUrl()), app.branch(), app.hosts(), app.port(), app.javaOptions(),
                app.javaVersion(), app.healthPath(), app.healthTimeoutSeconds(), app.buildCommand(), app.artifactPath(),
                app.buildTimeoutSeconds(), app.keepReleases(), app.batchSize(), webhookUrl, webhookSecret, app.createdAt(),
                app.maxPushMib(), app.secretsOnPush(), app.strategy(), app.drainSeconds(), app.standbySeconds(), app.canary());
    }
}
