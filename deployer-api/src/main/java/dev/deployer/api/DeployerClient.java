package dev.deployer.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * Typed client of the deployer HTTP API, shared by the CLI and the tests: one method per endpoint.
 * Errors come back as {@link ApiException} carrying the server's own message. The wire is
 * {@link HttpTransport}'s; event streams are parsed by {@link EventStreamReader}.
 */
public class DeployerClient {
    private final HttpTransport transport;
    private final ObjectMapper json = Json.mapper();

    public DeployerClient(String baseUrl, String token) {
        this.transport = new HttpTransport(baseUrl, token);
    }

    public URI base() {
        return transport.base();
    }

    public static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- the API, one method per endpoint --------------------------------------------------

    public Version version() {
        return get("api/version", new TypeReference<>() {});
    }

    public SshKey sshKey() {
        return get("api/ssh-key", new TypeReference<>() {});
    }

    public WhoAmI whoami() {
        return get("api/whoami", new TypeReference<>() {});
    }

    // --- apps and config vars ---------------------------------------------------------------

    public List<AppInfo> apps() {
        return get("api/apps", new TypeReference<>() {});
    }

    public AppInfo app(String name) {
        return get("api/apps/" + encode(name), new TypeReference<>() {});
    }

    /** The answer carries the app's webhook secret: the only time it is shown. */
    public AppInfo createApp(AppRequest request) {
        return send("POST", "api/apps", request, new TypeReference<>() {});
    }

    /** Null fields stay as they are; see {@link AppRequest} for clearing one. */
    public AppInfo updateApp(String name, AppRequest request) {
        return send("PATCH", "api/apps/" + encode(name), request, new TypeReference<>() {});
    }

    /** Takes the app off its hosts; {@code purge} also drops its release history. */
    public void deleteApp(String name, boolean purge) {
        send("DELETE", "api/apps/" + encode(name) + (purge ? "?purge=true" : ""), null, new TypeReference<Void>() {});
    }

    /** Deletes the app's build caches (Maven repository, wrapper downloads, Gradle home), after any build of it. */
    public BuildCacheCleared clearBuildCache(String app) {
        return send("DELETE", "api/apps/" + encode(app) + "/build-cache", null, new TypeReference<>() {});
    }

    /** Keys with masked values: values are write-only. */
    public List<ConfigVarInfo> config(String app) {
        return get("api/apps/" + encode(app) + "/config", new TypeReference<>() {});
    }

    /** Sets each key to its value, or unsets it where the value is null; restarts the app unless {@code restart} is false. */
    public ConfigChange changeConfig(String app, java.util.Map<String, String> changes, boolean restart) {
        return send("PUT", "api/apps/" + encode(app) + "/config" + (restart ? "" : "?restart=false"), changes,
                new TypeReference<>() {});
    }

    public List<TokenInfo> tokens() {
        return get("api/tokens", new TypeReference<>() {});
    }

    public TokenInfo createToken(String name, String role) {
        return send("POST", "api/tokens", new TokenRequest(name, role), new TypeReference<>() {});
    }

    public void revokeToken(long id) {
        send("DELETE", "api/tokens/" + id, null, new TypeReference<Void>() {});
    }

    // --- releases and deployments ---------------------------------------------------------

    public DeploymentInfo deploy(String app, String ref, boolean waitTurn) {
        return send("POST", "api/apps/" + encode(app) + "/deploy", new DeployRequest(ref, waitTurn), new TypeReference<>() {});
    }

    /** {@code deploy --dry-run}: what a deploy of {@code ref} would change on each host; nothing is changed. */
    public DeployPlan dryRun(String app, String ref) {
        return send("POST", "api/apps/" + encode(app) + "/deploy", new DeployRequest(ref, null, true), new TypeReference<>() {});
    }

    public DeploymentInfo scale(String app, java.util.Map<String, Integer> counts, boolean waitTurn) {
        return send("POST", "api/apps/" + encode(app) + "/scale", new ScaleRequest(counts, waitTurn), new TypeReference<>() {});
    }

    public DeploymentInfo rollback(String app, Integer version, boolean waitTurn, boolean runRelease) {
        return send("POST", "api/apps/" + encode(app) + "/rollback", new RollbackRequest(version, waitTurn, runRelease ? true : null),
                new TypeReference<>() {});
    }

    public DeploymentInfo rollback(String app, Integer version, boolean waitTurn) {
        return send("POST", "api/apps/" + encode(app) + "/rollback", new RollbackRequest(version, waitTurn),
                new TypeReference<>() {});
    }

    public List<ReleaseInfo> releases(String app) {
        return get("api/apps/" + encode(app) + "/releases", new TypeReference<>() {});
    }

    public AppStatus status(String app) {
        return get("api/apps/" + encode(app) + "/status", new TypeReference<>() {});
    }

    public AppProcesses ps(String app) {
        return get("api/apps/" + encode(app) + "/ps", new TypeReference<>() {});
    }

    /** The app's deployments, newest first: at most {@code limit} (null: the server's 20; at most 100), older than {@code before} when given. */
    public List<DeploymentSummary> deployments(String app, Integer limit, Long before) {
        String query = (limit == null ? "" : "limit=" + limit) + (limit != null && before != null ? "&" : "")
                + (before == null ? "" : "before=" + before);
        return get("api/apps/" + encode(app) + "/deployments" + (query.isEmpty() ? "" : "?" + query), new TypeReference<>() {});
    }

    public DeploymentInfo deployment(long id) {
        return get("api/deployments/" + id, new TypeReference<>() {});
    }

    /** The kept build output of a deployment (its last 2 MiB) as plain text. */
    public String deploymentOutput(long id) {
        return transport.text("api/deployments/" + id + "/output");
    }

    /** Follows a deployment's events until it ends; returns its final state. */
    public DeploymentInfo follow(long id, java.util.function.Consumer<DeploymentEvent> onEvent) {
        DeploymentInfo[] last = new DeploymentInfo[1];
        events("api/deployments/" + id + "/events", event -> {
            if (event.event().equals("end")) {
                last[0] = parse(event.data(), new TypeReference<DeploymentInfo>() {});
                return false;
            }
            onEvent.accept(parse(event.data(), new TypeReference<DeploymentEvent>() {}));
            return true;
        });
        return last[0] != null ? last[0] : deployment(id);
    }

    public List<Host> hosts() {
        return get("api/hosts", new TypeReference<>() {});
    }

    public Host host(String name) {
        return get("api/hosts/" + encode(name), new TypeReference<>() {});
    }

    public HostAdded addHost(HostRequest request) {
        return send("POST", "api/hosts", request, new TypeReference<>() {});
    }

    public void removeHost(String name) {
        send("DELETE", "api/hosts/" + encode(name), null, new TypeReference<Void>() {});
    }

    /** Preflight; {@code port} and {@code javaVersion} (nullable) add what a future app will need. */
    public PreflightReport checkHost(String name, Integer port, Integer javaVersion) {
        String query = (port == null ? "" : "port=" + port) + (port != null && javaVersion != null ? "&" : "")
                + (javaVersion == null ? "" : "java=" + javaVersion);
        return send("POST", "api/hosts/" + encode(name) + "/check" + (query.isEmpty() ? "" : "?" + query), null,
                new TypeReference<>() {});
    }

    public Host trustHost(String name, String fingerprint) {
        return send("POST", "api/hosts/" + encode(name) + "/trust", new HostTrustRequest(fingerprint), new TypeReference<>() {});
    }

    // --- logs ------------------------------------------------------------------------------

    /** The app's last {@code lines} journal lines from its hosts (or {@code host} only), merged by time; nulls use the server's defaults. */
    public List<LogLine> logs(String app, Integer lines, String host, String since) {
        return logs(app, lines, host, since, null);
    }

    /** {@link #logs(String, Integer, String, String)} of one process type: {@code web}, {@code cron} or a Procfile type (null: all). */
    public List<LogLine> logs(String app, Integer lines, String host, String since, String type) {
        return get("api/apps/" + encode(app) + "/logs" + logsQuery(false, lines, host, since, type), new TypeReference<>() {});
    }

    /** Follows the app's logs, handing each line and notice to {@code handler} until it returns false or the stream ends. */
    public void followLogs(String app, Integer lines, String host, String since, Predicate<LogLine> handler) {
        followLogs(app, lines, host, since, null, handler);
    }

    public void followLogs(String app, Integer lines, String host, String since, String type, Predicate<LogLine> handler) {
        events("api/apps/" + encode(app) + "/logs" + logsQuery(true, lines, host, since, type),
                event -> handler.test(parse(event.data(), new TypeReference<LogLine>() {})));
    }

    private static String logsQuery(boolean follow, Integer lines, String host, String since, String type) {
        StringBuilder query = new StringBuilder("?follow=" + follow);
        if (lines != null) {
            query.append("&lines=").append(lines);
        }
        if (host != null) {
            query.append("&host=").append(encode(host));
        }
        if (since != null) {
            query.append("&since=").append(encode(since));
        }
        if (type != null) {
            query.append("&type=").append(encode(type));
        }
        return query.toString();
    }

    // --- one-off runs ----------------------------------------------------------------------

    /**
     * Runs a one-off command in the app's current release, handing its output and the deployer's notices to
     * {@code output} as they come; returns how it ended (null when the stream ended without saying).
     */
    public RunResult run(String app, RunRequest request, java.util.function.Consumer<RunOutput> output) {
        RunResult[] end = new RunResult[1];
        events("POST", "api/apps/" + encode(app) + "/run", request, event -> {
            if (event.event().equals("end")) {
                end[0] = parse(event.data(), new TypeReference<RunResult>() {});
                return false;
            }
            output.accept(parse(event.data(), new TypeReference<RunOutput>() {}));
            return true;
        });
        return end[0];
    }

    // --- generic verbs, for endpoints added by feature code ---------------------------------

    public <T> T get(String path, TypeReference<T> type) {
        return send("GET", path, null, type);
    }

    public <T> T send(String method, String path, Object body, TypeReference<T> type) {
        return transport.send(method, path, body, type);
    }

    /** Reads a Server-Sent Events stream, handing each event to {@code handler} until it returns false or the stream ends. */
    public void events(String path, Predicate<ServerSentEvent> handler) {
        events("GET", path, null, handler);
    }

    /** {@link #events(String, Predicate)} of a request with its own method and JSON body (null: none). */
    public void events(String method, String path, Object body, Predicate<ServerSentEvent> handler) {
        try (InputStream in = transport.openEventStream(method, path, body);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            EventStreamReader.read(reader, handler);
        } catch (IOException e) {
            throw new UncheckedIOException("event stream from " + base() + path + " broke: " + e.getMessage(), e);
        }
    }

    public <T> T parse(String jsonText, TypeReference<T> type) {
        try {
            return json.readValue(jsonText, type);
        } catch (IOException e) {
            throw new ApiException(0, "unreadable event: " + e.getMessage());
        }
    }
}
