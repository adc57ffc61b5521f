package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
import dev.deployer.api.AppStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/apps/{app}/status}: read back from each host, drift flagged. */
@Path("/api/apps/{app}/status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class StatusResource {
    private final ReleaseFlow flow;

    public StatusResource(ReleaseFlow flow) {
        this.flow = flow;
    }

    @GET
    public AppStatus status(@PathParam("app") AppName app) {
        return flow.status(flow.app(app));
    }
}
