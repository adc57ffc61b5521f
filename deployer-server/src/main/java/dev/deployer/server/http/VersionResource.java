package dev.deployer.server.http;

import dev.deployer.api.Version;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/version")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class VersionResource {
    public static String version() {
        String version = VersionResource.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @GET
    public Version get() {
        return new Version("deployer", version());
    }
}
