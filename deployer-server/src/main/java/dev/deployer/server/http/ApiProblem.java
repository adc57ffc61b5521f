package dev.deployer.server.http;

import dev.deployer.api.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An expected failure of a request, answered as {@code {"code": ..., "message": ...}} with no stack trace. */
public class ApiProblem extends WebApplicationException {
    public ApiProblem(int status, String message) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build());
    }

    public static ApiProblem badRequest(String message) { return new ApiProblem(400, message); }
    public static ApiProblem forbidden(String message) { return new ApiProblem(403, message); }
    public static ApiProblem notFound(String message) { return new ApiProblem(404, message); }
    public static ApiProblem conflict(String message) { return new ApiProblem(409, message); }
}
