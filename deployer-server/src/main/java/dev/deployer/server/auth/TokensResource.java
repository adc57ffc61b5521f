package dev.deployer.server.auth;

import dev.deployer.api.Role;
import dev.deployer.api.TokenInfo;
import dev.deployer.api.TokenRequest;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.errors.NotFound;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class TokensResource {
    private final TokenService tokens;
    private final AuditLog audit;

    public TokensResource(TokenService tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @GET
    public List<TokenInfo> list() {
        return tokens.list();
    }

    @POST
    public Response create(@Auth Caller caller, TokenRequest request) {
        if (request == null) {
            throw new InvalidInput("send {\"name\": \"...\", \"role\": \"admin|deployer|viewer\"}");
        }
        Role role = InvalidInput.check(() -> Role.parse(request.role()));
        TokenInfo created;
        try {
            created = InvalidInput.check(() -> tokens.create(request.name(), role));
        } catch (IllegalStateException e) {
            throw new Conflict(e.getMessage());
        }
        audit.record(caller, "token.create", created.name(), "role " + role.wireName());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@Auth Caller caller, @PathParam("id") long id) {
        if (!tokens.revoke(id)) {
            throw new NotFound("no active token with id " + id);
        }
        audit.record(caller, "token.revoke", String.valueOf(id), "");
        return Response.noContent().build();
    }
}
