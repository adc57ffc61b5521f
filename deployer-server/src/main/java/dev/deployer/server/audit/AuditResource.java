package dev.deployer.server.audit;

import dev.deployer.api.AuditEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class AuditResource {
    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    public List<AuditEntry> latest(@QueryParam("limit") @DefaultValue("200") int limit) {
        return audit.latest(limit);
    }
}
