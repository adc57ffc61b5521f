package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
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
 * {@code POST /api/apps/{app}/deploy}: 202 with the deployment. Each endpoint under
 * {@code /api/apps/{app}/} is its own root resource: JAX-RS never backtracks from a more literal
 * root path, so a shared {@code /api/apps/{app}} root would hide AppsResource's GET.
 */
@Path("/api/apps/{app}/deploy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("deployer")
public class DeployResource {
    private final ReleaseFlow flow;
    private final AuditLog audit;

    public DeployResource(ReleaseFlow flow, AuditLog audit) {
        this.flow = flow;
        this.audit = audit;
    }

    @POST
    public Response deploy(@Auth Caller caller, @PathParam("app") AppName app, DeployRequest request) {
        String ref = request == null || request.ref() == null || request.ref().isBlank() ? null : InvalidInput.check(() -> Names.ref(request.ref()));
        boolean wait = request != null && Boolean.TRUE.equals(request.waitTurn());
        DeploymentInfo started = flow.deploy(flow.app(app), ref, caller, wait);
        audit.record(caller, "deploy", app.value(), "deployment " + started.id() + (ref == null ? "" : " of " + ref));
        return Response.accepted(started).build();
    }
}
