package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
import dev.deployer.api.DeployPlan;
import dev.deployer.api.DeployRequest;
import dev.deployer.api.Names;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.errors.InvalidInput;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/apps/{app}/deploy}: 202 with the deployment; with {@code "dryRun": true}, 200 with a {@link DeployPlan}. Each endpoint under
 * {@code /api/apps/{app}/} is its own root resource: JAX-RS never backtracks from a more literal
 * root path, so a shared {@code /api/apps/{app}} root would hide AppsResource's GET.
 */
@Path("/api/apps/{app}/deploy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("deployer")
public class DeployResource {
    private final ReleaseFlow flow;
    private final DryRun dryRun;
    private final AuditLog audit;

    /** {@code dryRun}: answers {@code "dryRun": true} with a plan (null: such a request is refused with 400). */
    public DeployResource(ReleaseFlow flow, DryRun dryRun, AuditLog audit) {
        this.flow = flow;
        this.dryRun = dryRun;
        this.audit = audit;
    }

    @POST
    public Response deploy(@Auth Caller caller, @PathParam("app") AppName app, DeployRequest request) {
        String ref = request == null || request.ref() == null || request.ref().isBlank() ? null : InvalidInput.check(() -> Names.ref(request.ref()));
        if (request != null && Boolean.TRUE.equals(request.dryRun())) {
            if (dryRun == null) {
                throw new InvalidInput("this server cannot plan a dry run");
            }
            // A dry run changes nothing; its audit entry says who read the hosts' env files (keys only) and when.
            DeployPlan plan = dryRun.plan(flow.app(app), ref, caller.name());
            audit.record(caller, "deploy --dry-run", app.value(), plan.release() + " of " + plan.ref() + " (" + plan.commit().substring(0, 12) + ")");
            return Response.ok(plan).build();
        }
        boolean wait = request != null && Boolean.TRUE.equals(request.waitTurn());
        DeploymentInfo started = flow.deploy(flow.app(app), ref, caller, wait);
        audit.record(caller, "deploy", app.value(), "deployment " + started.id() + (ref == null ? "" : " of " + ref));
        return Response.accepted(started).build();
    }
}
