package dev.deployer.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.deployer.server.secrets.Secret;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Retries with backoff (short delays here), a bounded number of waiting deliveries, and log lines without the URL. */
class WebhookDeliveryTest {
    private static final String URL = "https://hooks.example.com/services/T0/B0/tok3n-in-the-path";
    private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(50), Duration.ofMillis(200));

    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2);
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(WebhookDelivery.class);

    WebhookDeliveryTest() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logged);
        pool.shutdownNow();
    }

    /** What the operator sees at the default level; no line at any level may hold the URL. */
    private List<String> warnings() {
        assertThat(logged.list).allMatch(e -> !e.getFormattedMessage().contains("tok3n"));
        return logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private WebhookDelivery delivery(WebhookSender sender, int maxPending) {
        return new WebhookDelivery(sender, pool, BACKOFF, maxPending);
    }

    private WebhookSender answering(IntSupplier status) {
        return (url, body) -> {
            attempts.add(System.nanoTime());
            return status.getAsInt();
        };
    }

    private static WebhookDelivery.Delivery one() {
        return new WebhookDelivery.Delivery("shop", "3", Secret.of(URL), "https://hooks.example.com/…", "deployment 7 succeeded",
                "{\"app\":\"shop\"}");
    }

    private static void awaitIdle(WebhookDelivery delivery) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (delivery.pending() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(delivery.pending()).as("deliveries still pending").isZero();
    }

    @Test
    void aReceiverAnswering500IsTriedThreeTimesWithGrowingBackoffThenGivenUp() throws Exception {
        WebhookDelivery delivery = delivery(answering(() -> 500), 10);

        assertThat(delivery.submit(one())).isTrue();
        awaitIdle(delivery);

        assertThat(attempts).hasSize(3);
        assertThat(Duration.ofNanos(attempts.get(1) - attempts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(Duration.ofNanos(attempts.get(2) - attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        List<String> warnings = warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("app=shop", "webhook=3", "url=https://hooks.example.com/…", "HTTP 500",
                "try 3 of 3", "given up").doesNotContain("tok3n");
    }

    @Test
    void aTimeoutIsRetriedAndTheSecondTryDelivers() throws Exception {
        int[] calls = {0};
        WebhookDelivery delivery = delivery((url, body) -> {
            attempts.add(System.nanoTime());
            if (calls[0]++ == 0) {
                throw new HttpTimeoutException("request timed out for " + URL);
            }
            return 204;
        }, 10);

        delivery.submit(one());
        awaitIdle(delivery);

        assertThat(attempts).hasSize(2);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aReceiverRefusingWith4xxIsNotRetried() throws Exception {
        WebhookDelivery delivery = delivery(answering(() -> 404), 10);

        delivery.submit(one());
        awaitIdle(delivery);

        assertThat(attempts).hasSize(1);
        assertThat(warnings().get(0)).contains("HTTP 404", "not retried").doesNotContain("tok3n");
    }

    @Test
    void exceptionMessagesOfTheClientNeverReachTheLog() throws Exception {
        WebhookDelivery delivery = delivery((url, body) -> {
            throw new java.io.IOException("connection reset talking to " + URL);
        }, 10);

        delivery.submit(one());
        awaitIdle(delivery);

        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains("IOException").doesNotContain("tok3n");
    }

    @Test
    void beyondMaxPendingADeliveryIsDroppedAtOnceInsteadOfWaiting() throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        WebhookDelivery delivery = delivery((url, body) -> {
            hang.await();
            return 200;
        }, 2);

        long start = System.nanoTime();
        boolean first = delivery.submit(one());
        boolean second = delivery.submit(one());
        boolean third = delivery.submit(one());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        hang.countDown();

        assertThat(List.of(first, second, third)).containsExactly(true, true, false);
        assertThat(took).isLessThan(Duration.ofMillis(500));
        awaitIdle(delivery);
        assertThat(warnings().get(0)).contains("not sent", "already waiting");
    }
}
