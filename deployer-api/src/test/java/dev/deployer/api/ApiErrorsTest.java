package dev.deployer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void theServersOwnSentenceAndStatusAreKept() {
        ApiException e = ApiErrors.fromAnswer(404, "{\"code\":404,\"message\":\"no app named 'shop'\"}");
        assertThat(e.code()).isEqualTo(404);
        assertThat(e).hasMessage("no app named 'shop'");
    }

    @Test
    void anAnswerThatIsNotOurErrorJsonSaysTheStatusAlone() {
        for (String body : new String[] {"<html><body>502 Bad Gateway</body></html>", "", "{\"error\":\"x\"}", "[1]", null}) {
            ApiException e = ApiErrors.fromAnswer(502, body);
            assertThat(e.code()).as("body %s", body).isEqualTo(502);
            assertThat(e).as("body %s", body).hasMessage("the server answered HTTP 502");
        }
    }

    @Test
    void noAnswerIsCodeZeroAndNamesTheServer() {
        ApiException e = ApiErrors.unreachable(URI.create("http://127.0.0.1:1/"), new ConnectException("Connection refused"));
        assertThat(e.code()).isZero();
        assertThat(e).hasMessage("cannot reach the deployer server at http://127.0.0.1:1/ (Connection refused)");
        assertThat(ApiErrors.unreachable(URI.create("http://h/"), new IOException()))
                .hasMessage("cannot reach the deployer server at http://h/ (IOException)");
    }
}
