package dev.deployer.server.http;

import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.DomainException;
import dev.deployer.server.errors.HostFailure;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.errors.NotFound;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The one place a service's domain exception becomes an HTTP answer: its status, and its message as JSON {code, message}. */
public final class DomainErrors implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException e) {
        int status = status(e);
        return JsonErrors.json(status, e.getMessage());
    }

    static int status(DomainException e) {
        if (e instanceof InvalidInput) {
            return 400;
        }
        if (e instanceof NotFound) {
            return 404;
        }
        if (e instanceof Conflict) {
            return 409;
        }
        if (e instanceof HostFailure) {
            return 502; // a host behind us failed: a bad gateway, not the caller's mistake
        }
        throw new IllegalStateException("no status for " + e.getClass().getName());
    }
}
