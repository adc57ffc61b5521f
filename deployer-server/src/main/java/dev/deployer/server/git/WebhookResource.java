package dev.deployer.server.git;

import dev.deployer.api.ApiError;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/** {@code POST /hooks/{app}}: a forge says the repository changed. No bearer token: the signature is the proof. */
@Path("/hooks/{app}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WebhookResource {
    private final AppService apps;
    private final RepoWatcher watcher;

    public WebhookResource(AppService apps, RepoWatcher watcher) {
        this.apps = apps;
        this.watcher = watcher;
    }

    @POST
    public Response push(@PathParam("app") String name, byte[] body,
                         @HeaderParam("X-Hub-Signature-256") String github,
                         @HeaderParam("X-Gitea-Signature") String gitea,
                         @HeaderParam("X-Gitlab-Token") String gitlab) {
        Optional<App> app;
        try {
            app = apps.find(name);
        } catch (RuntimeException e) {
            app = Optional.empty();
        }
        // An unknown app and a bad signature look the same from outside: 401, nothing queued.
        if (app.isEmpty() || !WebhookSignatures.valid(apps.webhookSecret(name).reveal(), body == null ? new byte[0] : body,
                github, gitea, gitlab)) {
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(401, "signature missing or wrong: sign the payload with the app's webhook secret")).build();
        }
        if (app.get().repoUrl() == null) {
            return Response.status(409).entity(new ApiError(409, "app " + name + " has no repo URL to fetch; use git push")).build();
        }
        watcher.wake(name);
        return Response.accepted(Map.of("queued", true)).build();
    }
}
