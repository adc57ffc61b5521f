package dev.deployer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppName;
import dev.deployer.api.Names;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class PathValuesTest {
    private static final List<String> CALLED = new CopyOnWriteArrayList<>();

    /** Stands for any resource under /api/apps/{app}: records that it ran. */
    @Path("/api/apps/{app}/probe")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Probe {
        @GET
        public String get(@PathParam("app") AppName app) {
            CALLED.add(app.value());
            return "\"" + app.value() + "\"";
        }
    }

    static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addProvider(new PathValues())
            .addProvider(new DomainErrors())
            .addResource(new Probe())
            .build();

    @Test
    void aBadAppNameInThePathIs400WithTheValidatorsMessageAndNoResourceRuns() {
        Response response = RESOURCES.target("/api/apps/Not_An-App/probe").request().get();

        assertThat(response.getStatus()).isEqualTo(400); // Jersey's own answer for a failed conversion would be 404
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        assertThat(response.readEntity(String.class)).isEqualTo(
                "{\"code\":400,\"message\":\"" + refusal("Not_An-App") + "\"}");
        assertThat(CALLED).doesNotContain("Not_An-App");
    }

    @Test
    void aReservedNameIsRefusedLikeAnyBadOne() {
        Response response = RESOURCES.target("/api/apps/root/probe").request().get();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.readEntity(String.class)).contains(refusal("root"));
    }

    @Test
    void aGoodNameReachesTheResourceAsAnAppName() {
        Response response = RESOURCES.target("/api/apps/shop-2/probe").request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(CALLED).contains("shop-2");
    }

    private static String refusal(String name) {
        try {
            Names.appName(name);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError(name + " should be refused");
    }
}
