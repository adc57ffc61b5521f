package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.deploy.ReleaseFlow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/apps/{app}/releases}: history, newest first, the current one marked. */
@Path("/api/apps/{app}/releases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class ReleasesResource {
    private final ReleaseFlow flow;

    public ReleasesResource(ReleaseFlow flow) {
        this.flow = flow;
    }

    @GET
    public List<ReleaseInfo> history(@PathParam("app") AppName app) {
        return flow.history(flow.app(app));
    }
}
