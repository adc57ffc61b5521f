package dev.deployer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.ApiError;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.DomainException;
import dev.deployer.server.errors.HostFailure;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.errors.NotFound;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class DomainErrorsTest {
    private final DomainErrors mapper = new DomainErrors();

    @Test
    void eachKindIsAnsweredWithTheStatusTheContractNamesAndItsMessageAsJson() {
        assertAnswer(new InvalidInput("app name must match ^[a-z][a-z0-9-]{0,29}$"), 400,
                "app name must match ^[a-z][a-z0-9-]{0,29}$");
        assertAnswer(new NotFound("no app named web"), 404, "no app named web");
        assertAnswer(new Conflict("an app named web already exists"), 409, "an app named web already exists");
        assertAnswer(new HostFailure("host h1: connection refused; nothing was saved"), 502,
                "host h1: connection refused; nothing was saved");
    }

    @Test
    void checkTurnsAValidatorsRefusalIntoInvalidInputWithItsMessage() {
        InvalidInput refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidInput.class,
                () -> InvalidInput.check(() -> dev.deployer.api.Names.appName("Bad Name")));

        assertThat(mapper.toResponse(refused).getStatus()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo(messageOf(() -> dev.deployer.api.Names.appName("Bad Name")));
        assertThat(InvalidInput.check(() -> dev.deployer.api.Names.appName("web"))).isEqualTo("web");
    }

    private void assertAnswer(DomainException e, int status, String message) {
        Response response = mapper.toResponse(e);
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(response.getEntity()).isEqualTo(new ApiError(status, message));
    }

    private static String messageOf(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }
}
