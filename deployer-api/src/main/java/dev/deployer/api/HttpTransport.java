package dev.deployer.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side of {@link DeployerClient}: one exchange per call, the bearer token on each, JSON in
 * and out, and every failure (no answer, an error status, an unreadable body) as an {@link ApiException}.
 */
final class HttpTransport {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** An event stream stays open as long as what it follows; the server's heartbeats show it is alive. */
    private static final Duration STREAM_TIMEOUT = Duration.ofDays(1);

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    HttpTransport(String baseUrl, String token) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI base() {
        return base;
    }

    /** Sends {@code body} (null for none) as JSON and reads the answer as {@code type}; an empty answer or {@code Void} is null. */
    <T> T send(String method, String path, Object body, TypeReference<T> type) {
        HttpResponse<String> response = exchange(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw ApiErrors.fromAnswer(response.statusCode(), response.body());
        }
        try {
            if (response.body() == null || response.body().isBlank() || type.getType() == Void.class) {
                return null;
            }
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), "unreadable answer from " + base + path + ": " + e.getMessage());
        }
    }

    /** GETs a plain-text answer. */
    String text(String path) {
        HttpRequest request = request("GET", path, null).setHeader("Accept", "text/plain").build();
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw ApiErrors.fromAnswer(response.statusCode(), response.body());
        }
        return response.body();
    }

    /** Opens a Server-Sent Events stream ({@code body}: JSON, or null); the caller reads and closes it. An error answer is thrown, not returned. */
    InputStream openEventStream(String method, String path, Object body) {
        // Adds to the JSON Accept rather than replacing it, so an error answer still comes as JSON.
        HttpRequest request = request(method, path, body).header("Accept", "text/event-stream").timeout(STREAM_TIMEOUT).build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() < 400) {
            return response.body();
        }
        String answer;
        try (InputStream in = response.body()) {
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            answer = "";
        }
        throw ApiErrors.fromAnswer(response.statusCode(), answer);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> answer) {
        try {
            return http.send(request, answer);
        } catch (IOException e) {
            throw ApiErrors.unreachable(base, e);
        } catch (InterruptedException e) {
            throw ApiErrors.interrupted();
        }
    }

    private HttpRequest.Builder request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (IOException e) {
            throw new ApiException(0, "cannot encode request: " + e.getMessage());
        }
    }
}
