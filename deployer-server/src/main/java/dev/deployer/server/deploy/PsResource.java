package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
import dev.deployer.api.AppProcesses;
import dev.deployer.server.apps.App;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/apps/{app}/ps}: every process instance of the app, read back from each host. */
@Path("/api/apps/{app}/ps")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class PsResource {
    private final ReleaseFlow flow;
    private final Deployments deployments;
    private final PsReader reader;

    public PsResource(ReleaseFlow flow, Deployments deployments, PsReader reader) {
        this.flow = flow;
        this.deployments = deployments;
        this.reader = reader;
    }

    @GET
    public AppProcesses ps(@PathParam("app") AppName name) {
        App app = flow.app(name);
        return reader.read(app, deployments.current(app));
    }
}
