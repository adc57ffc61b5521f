package dev.deployer.server.config;

import dev.deployer.api.AppName;
import dev.deployer.api.ConfigChange;
import dev.deployer.api.ConfigVarInfo;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.errors.InvalidInput;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Config vars: anyone may see the keys, deployers may change them, nobody reads a value back. */
@Path("/api/apps/{app}/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {
    private final AppService apps;
    private final ConfigVars config;
    private final ConfigChangeListener listener;
    private final AuditLog audit;

    public ConfigResource(AppService apps, ConfigVars config, ConfigChangeListener listener, AuditLog audit) {
        this.apps = apps;
        this.config = config;
        this.listener = listener;
        this.audit = audit;
    }

    @GET
    @RolesAllowed("viewer")
    public List<ConfigVarInfo> list(@PathParam("app") AppName name) {
        return masked(apps.require(name));
    }

    @PUT
    @RolesAllowed("deployer")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConfigChange update(@Auth Caller caller, @PathParam("app") AppName name,
                               @QueryParam("restart") @DefaultValue("true") boolean restart, String body) {
        App app = apps.require(name);
        ConfigVars.Changes changes = InvalidInput.check(() -> {
            ConfigBody parsed = ConfigBody.parse(body);
            return config.apply(app.id(), parsed.set(), parsed.unset());
        });
        DeploymentInfo started = null;
        if (!changes.isEmpty()) {
            audit.record(caller, "config.set", app.name(), changes.describe() + (restart ? "" : "; no restart"));
            started = listener.configChanged(app, caller, changes.keys(), restart).orElse(null);
        }
        return new ConfigChange(List.copyOf(changes.set()), List.copyOf(changes.unset()), restart, masked(app), started);
    }

    private List<ConfigVarInfo> masked(App app) {
        return config.keys(app.id()).stream()
                .map(var -> new ConfigVarInfo(var.key(), ConfigVars.MASK, var.updatedAt()))
                .toList();
    }
}
