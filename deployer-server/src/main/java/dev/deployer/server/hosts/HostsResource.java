package dev.deployer.server.hosts;

import dev.deployer.api.Host;
import dev.deployer.api.HostAdded;
import dev.deployer.api.HostRequest;
import dev.deployer.api.HostTrustRequest;
import dev.deployer.api.PreflightReport;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/api/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {
    private final HostService hosts;
    private final AuditLog audit;

    public HostsResource(HostService hosts, AuditLog audit) {
        this.hosts = hosts;
        this.audit = audit;
    }

    @GET
    @RolesAllowed("viewer")
    public List<Host> list() {
        return hosts.list();
    }

    @GET
    @Path("{host}")
    @RolesAllowed("viewer")
    public Host get(@PathParam("host") String name) {
        return hosts.get(name);
    }

    @POST
    @RolesAllowed("admin")
    public Response add(@Auth Caller caller, HostRequest request) {
        HostAdded added = hosts.add(request);
        Host host = added.host();
        audit.record(caller, "host.add", host.name(), "address " + host.address() + ":" + host.port() + " user " + host.user()
                + " fingerprint " + host.fingerprint());
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    @DELETE
    @Path("{host}")
    @RolesAllowed("admin")
    public Response remove(@Auth Caller caller, @PathParam("host") String name) {
        hosts.remove(name);
        audit.record(caller, "host.remove", name, "");
        return Response.noContent().build();
    }

    /** Preflight; {@code port} and {@code java} add what a future app will need, to check before creating it. */
    @POST
    @Path("{host}/check")
    @RolesAllowed("deployer")
    public PreflightReport check(@PathParam("host") String name, @QueryParam("port") Integer port,
                                 @QueryParam("java") Integer javaVersion) {
        return hosts.check(name, port, javaVersion);
    }

    @POST
    @Path("{host}/trust")
    @RolesAllowed("admin")
    public Host trust(@Auth Caller caller, @PathParam("host") String name, HostTrustRequest request) {
        String before = hosts.trust(name, request == null ? null : request.fingerprint());
        Host host = hosts.get(name);
        audit.record(caller, "host.trust", name, "fingerprint " + before + " -> " + host.fingerprint());
        return host;
    }
}
