package dev.deployer.server.notify;

import dev.deployer.server.secrets.Secret;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Java's HttpClient, bounded: {@code timeout} to connect, {@code timeout} for the answer's headers,
 * and the whole exchange (body included) cut at twice that, so a receiver that never answers
 * holds a delivery thread for a bounded time. No redirects are followed.
 */
public final class HttpWebhookSender implements WebhookSender {
    private final HttpClient client;
    private final Duration timeout;

    public HttpWebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public int post(Secret url, String jsonBody) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(WebhookUrl.toUri(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "deployer-notify")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        var answer = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            return answer.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS).statusCode();
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout.multipliedBy(2).toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
