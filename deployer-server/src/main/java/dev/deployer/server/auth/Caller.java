package dev.deployer.server.auth;

import dev.deployer.api.Role;
import java.security.Principal;

/** Who is calling: the token's name and role. Audit entries name the token. */
public record Caller(String name, Role role) implements Principal {
    @Override
    public String getName() {
        return name;
    }
}
