package dev.deployer.server.ssh;

import dev.deployer.api.SshKey;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/ssh-key}: the line to put in a host's {@code authorized_keys}. */
@Path("/api/ssh-key")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class SshKeyResource {
    private final ServerKeyPair keyPair;

    public SshKeyResource(ServerKeyPair keyPair) {
        this.keyPair = keyPair;
    }

    @GET
    public SshKey get() {
        return new SshKey(keyPair.publicKey(), keyPair.fingerprint());
    }
}
