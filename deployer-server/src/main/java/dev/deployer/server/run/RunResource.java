package dev.deployer.server.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.api.AppName;
import dev.deployer.api.RunRequest;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.http.SseStream;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;

/**
 * {@code POST /api/apps/{app}/run}: a one-off command in the app's current release on one of its hosts, answered as
 * Server-Sent Events ({@code notice}, {@code output}, then {@code end} with the exit code). Everything that can refuse
 * the run answers 4xx before the stream starts. Role deployer: the command sees the app's secrets.
 */
@Path("/api/apps/{app}/run")
@RolesAllowed("deployer")
public class RunResource {
    private final AppService apps;
    private final OneOffRuns runs;
    private final ObjectMapper json;

    public RunResource(AppService apps, OneOffRuns runs, ObjectMapper json) {
        this.apps = apps;
        this.runs = runs;
        this.json = json;
    }

    @POST
    public Response run(@Auth Caller caller, @PathParam("app") AppName name, RunRequest request) {
        OneOffRuns.Prepared run = runs.prepare(caller, apps.require(name), request);
        StreamingOutput stream = out -> {
            SseStream sse = new SseStream(out, json);
            try {
                new RunSession(run, runs.ssh(), new RunSession.Events() {
                    @Override
                    public void send(String event, Object data) throws IOException {
                        sse.send(event, data);
                    }

                    @Override
                    public void heartbeat() throws IOException {
                        sse.heartbeat();
                    }
                }).run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return Response.ok(stream, "text/event-stream").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }
}
