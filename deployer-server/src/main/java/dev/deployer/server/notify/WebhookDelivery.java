package dev.deployer.server.notify;

import dev.deployer.server.secrets.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notification bodies off every deployment's thread, on a small pool of its own: one try,
 * then a retry after each of {@code backoff} (e.g. 1 s, 4 s) while the receiver fails (no answer,
 * 5xx, 429). A 2xx is delivered; any other answer is a refusal, not retried. At most
 * {@code maxPending} deliveries wait at once; beyond that a delivery is dropped with a log line.
 * Log lines name the app, the webhook and its masked URL, never the URL.
 */
public final class WebhookDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    /** One body for one webhook. {@code webhook}: its id as listings show it. */
    public record Delivery(String app, String webhook, Secret url, String masked, String what, String body) {}

    private final WebhookSender sender;
    private final ScheduledExecutorService pool;
    private final List<Duration> backoff;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();

    public WebhookDelivery(WebhookSender sender, ScheduledExecutorService pool, List<Duration> backoff, int maxPending) {
        this.sender = sender;
        this.pool = pool;
        this.backoff = List.copyOf(backoff);
        this.maxPending = maxPending;
    }

    /** Never blocks, never throws: false when the delivery was dropped (too many waiting, or stopping). */
    public boolean submit(Delivery delivery) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            LOG.warn("app={} webhook={} url={} {}: not sent, {} notifications are already waiting to be delivered",
                    delivery.app(), delivery.webhook(), delivery.masked(), delivery.what(), maxPending);
            return false;
        }
        return schedule(delivery, 1, Duration.ZERO);
    }

    /** Deliveries queued or in flight, retries included. */
    public int pending() {
        return pending.get();
    }

    private boolean schedule(Delivery delivery, int attempt, Duration delay) {
        try {
            pool.schedule(() -> attempt(delivery, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            LOG.warn("app={} webhook={} url={} {}: not sent, the server is stopping", delivery.app(), delivery.webhook(),
                    delivery.masked(), delivery.what());
            return false;
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        int tries = backoff.size() + 1;
        String failure;
        boolean retry;
        try {
            int status = sender.post(delivery.url(), delivery.body());
            if (status >= 200 && status < 300) {
                pending.decrementAndGet();
                LOG.debug("app={} webhook={} {} delivered (HTTP {})", delivery.app(), delivery.webhook(), delivery.what(), status);
                return;
            }
            failure = "the receiver answered HTTP " + status;
            retry = status >= 500 || status == 429;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.decrementAndGet();
            return;
        } catch (IOException | RuntimeException e) {
            failure = describe(e);
            retry = true;
        }
        if (retry && attempt < tries && schedule(delivery, attempt + 1, backoff.get(attempt - 1))) {
            LOG.debug("app={} webhook={} {}: try {} of {} failed ({}); trying again in {} ms", delivery.app(),
                    delivery.webhook(), delivery.what(), attempt, tries, failure, backoff.get(attempt - 1).toMillis());
            return;
        }
        if (!retry || attempt >= tries) {
            pending.decrementAndGet();
        }
        LOG.warn("app={} webhook={} url={} {} was not delivered: {} (try {} of {}){}", delivery.app(), delivery.webhook(),
                delivery.masked(), delivery.what(), failure, attempt, tries,
                retry ? "; given up" : "; not retried: fix the receiver or remove the webhook");
    }

    /** What went wrong, in words that never repeat the URL (exception messages of the HTTP client may). */
    static String describe(Exception e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "could not connect";
        }
        if (e instanceof java.nio.channels.UnresolvedAddressException || e instanceof java.net.UnknownHostException) {
            return "the host name does not resolve";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake failed";
        }
        return e.getClass().getSimpleName();
    }
}
