package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.ScaleRequest;
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
import java.util.Map;
import java.util.TreeMap;

/** {@code POST /api/apps/{app}/scale}: 202 with the deployment of a new release at the new formation. */
@Path("/api/apps/{app}/scale")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("deployer")
public class ScaleResource {
    private final ReleaseFlow flow;
    private final AuditLog audit;

    public ScaleResource(ReleaseFlow flow, AuditLog audit) {
        this.flow = flow;
        this.audit = audit;
    }

    @POST
    public Response scale(@Auth Caller caller, @PathParam("app") AppName app, ScaleRequest request) {
        Map<String, Integer> counts = request == null || request.counts() == null ? Map.of() : new TreeMap<>(request.counts());
        boolean wait = request != null && Boolean.TRUE.equals(request.waitTurn());
        DeploymentInfo started = flow.scale(flow.app(app), counts, caller, wait);
        audit.record(caller, "scale", app.value(), String.join(" ", counts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()) + ", deployment " + started.id());
        return Response.accepted(started).build();
    }
}
