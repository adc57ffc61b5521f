package dev.deployer.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

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

    /**
     * No answer: code 0, naming the server so a wrong DEPLOYER_URL is obvious. A connection that could not be made is
     * {@link ServerUnreachable}; a server that took the request but did not answer in time is said as such.
     */
    static ApiException unreachable(URI base, IOException e) {
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
            return new ApiException(0, "the deployer server at " + ServerUnreachable.shown(base) + " did not answer in time");
        }
        return new ServerUnreachable(base, why(e));
    }

    /** Why a connection failed, in a few words: the JDK's ConnectException often carries no message at all. */
    private static String why(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within 10 s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static ApiException interrupted() {
        Thread.currentThread().interrupt();
        return new ApiException(0, "interrupted");
    }
}
