package dev.deployer.server.auth;

import static dev.deployer.server.testing.AuthenticatedResources.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.WhoAmI;
import dev.deployer.server.testing.AuthenticatedResources;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class WhoAmIResourceTest {
    private static final AuthenticatedResources AUTH = new AuthenticatedResources();
    static final ResourceExtension RESOURCES = AUTH.builder().addResource(new WhoAmIResource()).build();

    @Test
    void answersTheTokensNameAndRoleForEveryRole() {
        assertThat(whoami(AUTH.viewer).readEntity(WhoAmI.class)).isEqualTo(new WhoAmI("viewer-token", "viewer"));
        assertThat(whoami(AUTH.deployer).readEntity(WhoAmI.class)).isEqualTo(new WhoAmI("deployer-token", "deployer"));
        assertThat(whoami(AUTH.admin).readEntity(WhoAmI.class)).isEqualTo(new WhoAmI("admin-token", "admin"));
    }

    @Test
    void refusesARequestWithoutAValidToken() {
        assertThat(RESOURCES.target("/api/whoami").request().get().getStatus()).isEqualTo(401);
        assertThat(whoami("not-a-token").getStatus()).isEqualTo(401);
    }

    private static Response whoami(String token) {
        return RESOURCES.target("/api/whoami").request().header("Authorization", bearer(token)).get();
    }
}
