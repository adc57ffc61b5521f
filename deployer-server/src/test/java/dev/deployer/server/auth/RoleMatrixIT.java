package dev.deployer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.Role;
import dev.deployer.server.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint, three roles: 401 without a token, 403 below the endpoint's role, allowed at or above it. */
class RoleMatrixIT {
    private static ServerProcess server;
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    record Endpoint(String method, String path, String body, Role least) {
        @Override
        public String toString() {
            return method + " " + path + " (" + least.wireName() + ")";
        }
    }

    static Stream<Arguments> matrix() {
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "api/version", null, Role.VIEWER),
                new Endpoint("GET", "api/ssh-key", null, Role.VIEWER),
                new Endpoint("GET", "api/audit", null, Role.VIEWER),
                new Endpoint("GET", "api/tokens", null, Role.ADMIN),
                new Endpoint("POST", "api/tokens", "{\"name\":\"x\",\"role\":\"bogus\"}", Role.ADMIN),
                new Endpoint("DELETE", "api/tokens/999999", null, Role.ADMIN),
                new Endpoint("GET", "api/whoami", null, Role.VIEWER),
                new Endpoint("GET", "api/hosts", null, Role.VIEWER),
                new Endpoint("POST", "api/hosts", "{}", Role.ADMIN),
                new Endpoint("POST", "api/hosts/nohost/check", null, Role.DEPLOYER),
                new Endpoint("DELETE", "api/hosts/nohost", null, Role.ADMIN),
                new Endpoint("GET", "api/apps", null, Role.VIEWER),
                new Endpoint("POST", "api/apps", "{}", Role.ADMIN),
                new Endpoint("GET", "api/apps/noapp", null, Role.VIEWER),
                new Endpoint("PATCH", "api/apps/noapp", "{}", Role.ADMIN),
                new Endpoint("DELETE", "api/apps/noapp", null, Role.ADMIN),
                new Endpoint("GET", "api/apps/noapp/config", null, Role.VIEWER),
                new Endpoint("PUT", "api/apps/noapp/config", "{}", Role.DEPLOYER),
                new Endpoint("GET", "api/apps/noapp/notifications", null, Role.VIEWER),
                new Endpoint("POST", "api/apps/noapp/notifications", "{}", Role.DEPLOYER),
                new Endpoint("DELETE", "api/apps/noapp/notifications/1", null, Role.DEPLOYER),
                new Endpoint("POST", "api/apps/noapp/deploy", "{}", Role.DEPLOYER),
                new Endpoint("POST", "api/apps/noapp/deploy", "{\"dryRun\":true}", Role.DEPLOYER),
                new Endpoint("POST", "api/apps/noapp/rollback", "{}", Role.DEPLOYER),
                new Endpoint("POST", "api/apps/noapp/scale", "{\"counts\":{\"worker\":1}}", Role.DEPLOYER),
                new Endpoint("GET", "api/apps/noapp/releases", null, Role.VIEWER),
                new Endpoint("GET", "api/apps/noapp/status", null, Role.VIEWER),
                new Endpoint("GET", "api/apps/noapp/ps", null, Role.VIEWER),
                new Endpoint("GET", "api/apps/noapp/logs", null, Role.DEPLOYER),
                new Endpoint("POST", "api/apps/noapp/run", "{\"command\":[\"true\"]}", Role.DEPLOYER),
                new Endpoint("DELETE", "api/apps/noapp/build-cache", null, Role.DEPLOYER),
                new Endpoint("GET", "api/deployments/999999", null, Role.VIEWER),
                new Endpoint("GET", "api/deployments/999999/output", null, Role.VIEWER));
        return endpoints.stream().flatMap(e -> Stream.of(Role.values()).map(role -> Arguments.of(e, role)));
    }

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(Map.of());
        TOKENS.put(Role.ADMIN, server.adminToken());
        TOKENS.put(Role.DEPLOYER, server.adminClient().createToken("matrix-deployer", "deployer").token());
        TOKENS.put(Role.VIEWER, server.adminClient().createToken("matrix-viewer", "viewer").token());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void roleDecidesAccess(Endpoint endpoint, Role role) throws Exception {
        assertThat(call(endpoint, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(call(endpoint, "dpl_wrong").statusCode()).as("wrong token").isEqualTo(401);

        HttpResponse<String> response = call(endpoint, TOKENS.get(role));
        if (role.includes(endpoint.least())) {
            assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("\"code\":403").contains("\"message\"");
        }
    }

    private static HttpResponse<String> call(Endpoint endpoint, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + endpoint.path()))
                .method(endpoint.method(), endpoint.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(endpoint.body()))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // A fresh client each time: the server may close a connection after refusing a request whose body
        // it did not read, and a reused connection would then fail the next request for the wrong reason.
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
