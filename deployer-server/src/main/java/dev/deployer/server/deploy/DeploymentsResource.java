package dev.deployer.server.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.http.SseStream;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A deployment's per-host state, and its events: stored ones first, then live until it ends. */
@Path("/api/deployments/{id}")
@RolesAllowed("viewer")
public class DeploymentsResource {
    private final Deployments deployments;
    private final DeploymentEvents events;
    private final ObjectMapper json;

    public DeploymentsResource(Deployments deployments, DeploymentEvents events, ObjectMapper json) {
        this.deployments = deployments;
        this.events = events;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DeploymentInfo get(@PathParam("id") long id) {
        return deployments.info(id);
    }

    /** The last 2 MiB of the deployment's build output, as plain text; a first line says what was cut. */
    @GET
    @Path("output")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String output(@PathParam("id") long id) {
        DeploymentDao.Output output = deployments.output(id);
        long cut = output.totalChars() - output.output().length();
        return (cut > 0 ? "(" + cut + " earlier characters of " + output.totalLines() + " lines not kept)\n" : "")
                + output.output();
    }

    @GET
    @Path("events")
    @Produces("text/event-stream")
    public StreamingOutput events(@PathParam("id") long id) {
        deployments.info(id); // 404 before the stream starts
        return out -> {
            SseStream sse = new SseStream(out, json);
            // Follow first, then replay: no event can fall between the two.
            BlockingQueue<DeploymentEvent> live = events.follow(id);
            try {
                // By id, not "above the last id sent": hosts report in parallel, so a smaller id can be handed out later.
                java.util.Set<Long> sent = new java.util.HashSet<>();
                long replayed = 0;
                for (DeploymentEvent event : events.stored(id, 0)) {
                    sse.send("step", event);
                    sent.add(event.id());
                    replayed = event.id();
                }
                // The database is asked whether the deployment ended only when nothing came for a while,
                // not once per event: END arrives on the queue when it ends while we follow.
                boolean ended = deployments.info(id).finished();
                while (!ended) {
                    DeploymentEvent event = live.poll(15, TimeUnit.SECONDS);
                    if (event == null) {
                        sse.heartbeat();
                        ended = deployments.info(id).finished();
                    } else if (event == DeploymentEvents.END) {
                        ended = true;
                    } else if (event.id() < 0) {
                        sse.send("step", event); // live only: never stored, so never replayed twice
                    } else if (sent.add(event.id())) {
                        sse.send("step", event);
                    }
                }
                for (DeploymentEvent event : events.stored(id, replayed)) {
                    if (sent.add(event.id())) {
                        sse.send("step", event);
                    }
                }
                sse.send("end", deployments.info(id));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException clientLeft) {
                // the client went away: nothing to do but stop following
            } finally {
                events.unfollow(id, live);
            }
        };
    }
}
