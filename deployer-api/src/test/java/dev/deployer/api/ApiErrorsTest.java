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
    void noAnswerIsCodeZeroAndNamesTheServerAsTypedAndWhyInAFewWords() {
        ApiException e = ApiErrors.unreachable(URI.create("http://127.0.0.1:1/"), new ConnectException());
        assertThat(e).isInstanceOf(ServerUnreachable.class);
        assertThat(e.code()).isZero();
        assertThat(e).hasMessage("cannot reach the deployer server at http://127.0.0.1:1 (connection refused)");
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new java.nio.channels.UnresolvedAddressException());
        assertThat(ApiErrors.unreachable(URI.create("http://nohost.invalid:8080/"), unresolved))
                .hasMessage("cannot reach the deployer server at http://nohost.invalid:8080 (unknown host)");
        assertThat(ApiErrors.unreachable(URI.create("http://h/"), new java.net.http.HttpConnectTimeoutException("x")))
                .hasMessage("cannot reach the deployer server at http://h (no connection within 10 s)");
        assertThat(ApiErrors.unreachable(URI.create("http://h/"), new IOException()))
                .hasMessage("cannot reach the deployer server at http://h (IOException)");
    }

    @Test
    void aServerThatTookTheRequestButDidNotAnswerIsNotCalledUnreachable() {
        ApiException e = ApiErrors.unreachable(URI.create("http://h:8080/"), new java.net.http.HttpTimeoutException("timed out"));
        assertThat(e).isNotInstanceOf(ServerUnreachable.class);
        assertThat(e.code()).isZero();
        assertThat(e).hasMessage("the deployer server at http://h:8080 did not answer in time");
    }
}
