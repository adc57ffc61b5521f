package dev.deployer.server.deploy;

import dev.deployer.api.AppStatus;
import dev.deployer.api.DeployRequest;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.Names;
import dev.deployer.api.ReleaseInfo;
import dev.deployer.api.RollbackRequest;
import dev.deployer.server.apps.App;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.http.ApiProblem;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Deploy, rollback, release history and live status of one app. */
@Path("/api/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class DeployResource {
    private final ReleaseFlow flow;

    public DeployResource(ReleaseFlow flow) {
        this.flow = flow;
    }

    @POST
    @Path("deploy")
    @RolesAllowed("deployer")
    public Response deploy(@Auth Caller caller, @PathParam("app") String app, DeployRequest request) {
        String ref = request == null || request.ref() == null || request.ref().isBlank() ? null : valid(request.ref());
        boolean wait = request != null && Boolean.TRUE.equals(request.waitTurn());
        DeploymentInfo started = flow.deploy(require(app), ref, caller, wait);
        return Response.accepted(started).build();
    }

    @POST
    @Path("rollback")
    @RolesAllowed("deployer")
    public Response rollback(@Auth Caller caller, @PathParam("app") String app, RollbackRequest request) {
        Integer version = request == null ? null : request.version();
        boolean wait = request != null && Boolean.TRUE.equals(request.waitTurn());
        return Response.accepted(flow.rollback(require(app), version, caller, wait)).build();
    }

    @GET
    @Path("releases")
    @RolesAllowed("viewer")
    public List<ReleaseInfo> releases(@PathParam("app") String app) {
        return flow.history(require(app));
    }

    @GET
    @Path("status")
    @RolesAllowed("viewer")
    public AppStatus status(@PathParam("app") String app) {
        return flow.status(require(app));
    }

    private App require(String app) {
        try {
            Names.appName(app);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        return flow.app(app);
    }

    private static String valid(String ref) {
        try {
            return Names.ref(ref);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }
}
