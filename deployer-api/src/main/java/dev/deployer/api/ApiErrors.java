package dev.deployer.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;

/** Turns what went wrong on the wire into one {@link ApiException} a person can act on. */
final class ApiErrors {
    private static final ObjectMapper JSON = Json.mapper();

    private ApiErrors() {}

    /** An error answer: the server's own sentence when the body is our {@link ApiError}, else the status alone. */
    static ApiException fromAnswer(int status, String body) {
        try {
            ApiError error = JSON.readValue(body, ApiError.class);
            if (error.message() != null) {
                return new ApiException(status, error.message());
            }
        } catch (IOException | RuntimeException ignored) {
            // not our JSON (a proxy's page, say): fall through to the status alone
        }
        return new ApiException(status, "the server answered HTTP " + status);
    }

    /** No answer at all: code 0, naming the server so a wrong DEPLOYER_URL is obvious. */
    static ApiException unreachable(URI base, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ApiException(0, "cannot reach the deployer server at " + base + " (" + why + ")");
    }

    static ApiException interrupted() {
        Thread.currentThread().interrupt();
        return new ApiException(0, "interrupted");
    }
}
