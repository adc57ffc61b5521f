package dev.deployer.server.git;

import dev.deployer.api.Role;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.auth.TokenService;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Basic auth on {@code /git/*}: any user name, an API token of role deployer or admin as the
 * password. Anything else is 401, so git asks its credential helper.
 */
public class GitAccess implements Filter {
    static final String CALLER = "deployer.caller";

    private final TokenService tokens;

    public GitAccess(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        Optional<Caller> caller = password(http.getHeader("Authorization")).flatMap(tokens::authenticate);
        if (caller.isEmpty()) {
            out.setHeader("WWW-Authenticate", "Basic realm=\"deployer\"");
            out.sendError(401, "an API token of role deployer or admin is required as the password");
            return;
        }
        if (!caller.get().role().includes(Role.DEPLOYER)) {
            out.sendError(403, "token " + caller.get().name() + " has role " + caller.get().role().wireName()
                    + "; git needs deployer or admin");
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }

    static Optional<String> password(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
