package dev.deployer.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.deployer.api.ApiError;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Every error the API answers is JSON {code, message}: these map what Jersey and Jackson throw. */
public final class JsonErrors {
    private JsonErrors() {}

    public static void register(Environment environment) {
        environment.jersey().register(new WebErrors());
        environment.jersey().register(new BadJson());
        environment.jersey().register(new DomainErrors());
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build();
    }

    /** Jersey's own 404/405/403 etc., which would otherwise carry an HTML or empty body. */
    static final class WebErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original.hasEntity()) {
                return original;
            }
            int status = original.getStatus();
            String message = switch (status) {
                case 403 -> "this token's role may not do that";
                case 404 -> "no such resource";
                case 405 -> "method not allowed here";
                case 415 -> "send JSON with Content-Type: application/json";
                default -> e.getMessage() == null ? "HTTP " + status : e.getMessage();
            };
            return json(status, message);
        }
    }

    static final class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ApiProblem problem) {
                    return problem.getResponse(); // Jackson wraps what the body's stream threw, e.g. 413 from RequestBodyLimit
                }
            }
            return json(400, "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage());
        }
    }
}
