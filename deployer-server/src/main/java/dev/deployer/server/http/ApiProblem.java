package dev.deployer.server.http;

import dev.deployer.api.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An answer only the HTTP layer gives (a body too large, a bad Content-Length, a path value Jersey
 * cannot convert), as {@code {"code": ..., "message": ...}}. Services throw the domain exceptions of
 * {@code errors} instead, which {@link DomainErrors} answers.
 */
public class ApiProblem extends WebApplicationException {
    public ApiProblem(int status, String message) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build());
    }

    public static ApiProblem badRequest(String message) { return new ApiProblem(400, message); }
}
