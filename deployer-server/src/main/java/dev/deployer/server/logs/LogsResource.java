package dev.deployer.server.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.api.AppName;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.errors.InvalidInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * An app's journald lines from its hosts: a JSON array, or Server-Sent Events with {@code follow=true}.
 * Role deployer, not viewer: apps print secrets to their logs more often than anyone would like.
 */
@Path("/api/apps/{app}/logs")
@RolesAllowed("deployer")
public class LogsResource {
    private final AppService apps;
    private final LogService logs;
    private final LogEventStream streams;
    private final Clock clock;

    public LogsResource(AppService apps, LogService logs, ObjectMapper json, Clock clock) {
        this.apps = apps;
        this.logs = logs;
        this.streams = new LogEventStream(logs, json);
        this.clock = clock;
    }

    @GET
    public Response logs(@PathParam("app") AppName name, @QueryParam("follow") String follow, @QueryParam("lines") String lines,
                         @QueryParam("host") String host, @QueryParam("since") String since,
                         @QueryParam("type") String type) {
        App app = apps.require(name);
        LogQuery query = InvalidInput.check(() -> LogQuery.of(count(lines), host, since, type, clock));
        List<String> hosts = InvalidInput.check(() -> LogService.hostsOf(app.name(), app.hosts(), query));
        if (!InvalidInput.check(() -> flag(follow))) {
            return Response.ok(logs.read(app.name(), hosts, query), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(streams.open(app.name(), hosts, query), "text/event-stream")
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no") // nginx in front: pass each event on at once
                .build();
    }

    private static Integer count(String lines) {
        if (lines == null || lines.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(lines.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lines must be a whole number such as 100 (got '" + shown(lines) + "')");
        }
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("follow must be true or false (got '" + shown(value) + "')");
    }

    private static String shown(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
