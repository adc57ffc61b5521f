package dev.deployer.server.notify;

import dev.deployer.api.AppName;
import dev.deployer.api.WebhookInfo;
import dev.deployer.api.WebhookRequest;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.errors.InvalidInput;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An app's notification webhooks: anyone may list them (masked), deployers add and remove them, nobody reads a URL back. */
@Path("/api/apps/{app}/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {
    private final AppService apps;
    private final Webhooks webhooks;
    private final AuditLog audit;

    public NotificationsResource(AppService apps, Webhooks webhooks, AuditLog audit) {
        this.apps = apps;
        this.webhooks = webhooks;
        this.audit = audit;
    }

    @GET
    @RolesAllowed("viewer")
    public List<WebhookInfo> list(@PathParam("app") AppName name) {
        return webhooks.list(apps.require(name).id());
    }

    @POST
    @RolesAllowed("deployer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Auth Caller caller, @PathParam("app") AppName name, WebhookRequest request) {
        App app = apps.require(name);
        WebhookInfo added = InvalidInput.check(() -> webhooks.add(app.id(), request, caller.getName()));
        audit.record(caller, "notify.add", app.name(), describe(added));
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("deployer")
    public Response remove(@Auth Caller caller, @PathParam("app") AppName name, @PathParam("id") long id) {
        App app = apps.require(name);
        audit.record(caller, "notify.remove", app.name(), describe(webhooks.remove(app.id(), id)));
        return Response.noContent().build();
    }

    /** e.g. {@code webhook 3 (slack, https://hooks.slack.com/…)}: never the URL. */
    private static String describe(WebhookInfo webhook) {
        return "webhook " + webhook.id() + " (" + webhook.format() + ", " + webhook.masked() + ", "
                + String.join(",", webhook.events()) + ")";
    }
}
