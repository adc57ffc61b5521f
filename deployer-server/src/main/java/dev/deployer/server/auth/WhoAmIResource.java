package dev.deployer.server.auth;

import dev.deployer.api.WhoAmI;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who the token belongs to: the dashboard hides what the role may not do. */
@Path("/api/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {
    @GET
    @RolesAllowed("viewer")
    public WhoAmI whoami(@Auth Caller caller) {
        return new WhoAmI(caller.name(), caller.role().wireName());
    }
}
