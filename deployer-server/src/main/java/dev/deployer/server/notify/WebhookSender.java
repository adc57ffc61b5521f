package dev.deployer.server.notify;

import dev.deployer.server.secrets.Secret;
import java.io.IOException;

/** Posts one JSON body to one URL and answers the HTTP status; throws when no answer came in time. */
public interface WebhookSender {
    int post(Secret url, String jsonBody) throws IOException, InterruptedException;
}
