package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
import dev.deployer.api.RollbackRequest;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/apps/{app}/rollback}: 202 with the deployment of a new release copying an old one. */
@Path("/api/apps/{app}/rollback")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("deployer")
public class RollbackResource {
    private final ReleaseFlow flow;
    private final AuditLog audit;

    public RollbackResource(ReleaseFlow flow, AuditLog audit) {
        this.flow = flow;
        this.audit = audit;
    }

    @POST
    public Response rollback(@Auth Caller caller, @PathParam("app") AppName app, RollbackRequest request) {
        Integer version = request == null ? null : request.version();
        boolean wait = request != null && Boolean.TRUE.equals(request.waitTurn());
        boolean runRelease = request != null && Boolean.TRUE.equals(request.runRelease());
        ReleaseFlow.RollbackStarted started = flow.rollback(flow.app(app), version, caller, wait, runRelease);
        audit.record(caller, "rollback", app.value(), "to " + started.source().label() + (runRelease ? " with its release phase" : "") + ", deployment "
                + started.deployment().id());
        return Response.accepted(started.deployment()).build();
    }
}
