package dev.deployer.server.deploy;

import dev.deployer.api.AppName;
import dev.deployer.api.DeploymentSummary;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.errors.InvalidInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/apps/{app}/deployments?limit=20&before=ID}: the app's deployments, newest first, a page at a time.
 * The next page is {@code before=} the last id of this one; a page shorter than {@code limit} is the last.
 */
@Path("/api/apps/{app}/deployments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class AppDeploymentsResource {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final AppService apps;
    private final Deployments deployments;

    public AppDeploymentsResource(AppService apps, Deployments deployments) {
        this.apps = apps;
        this.deployments = deployments;
    }

    @GET
    public List<DeploymentSummary> page(@PathParam("app") AppName name, @QueryParam("limit") String limit,
                                        @QueryParam("before") String before) {
        var app = apps.require(name);
        Long beforeId = whole(before, "before");
        Long count = whole(limit, "limit");
        if (count != null && (count < 1 || count > MAX_LIMIT)) {
            throw new InvalidInput("limit must be 1 to " + MAX_LIMIT + " (got " + count + ")");
        }
        if (beforeId != null && beforeId < 1) {
            throw new InvalidInput("before must be a deployment id, 1 or more (got " + beforeId + ")");
        }
        return deployments.page(app, count == null ? DEFAULT_LIMIT : count.intValue(), beforeId);
    }

    private static Long whole(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String shown = value.length() > 20 ? value.substring(0, 20) + "..." : value;
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput(name + " must be a whole number (got '" + shown + "')");
        }
    }
}
