package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeploymentEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientFeedTest {
    private static DeploymentEvent event(int i) {
        return new DeploymentEvent(i, 1, null, "web" + (i % 3), "artifact", "ok", 1L, "line " + i);
    }

    @Test
    void eventsFromManyThreadsReachTheClientOneAtATimeAndAllOfThem() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        int[] writing = {0};
        boolean[] overlapped = {false};
        ClientFeed feed = new ClientFeed(1, "push", e -> {
            synchronized (writing) {
                overlapped[0] |= writing[0] > 0;
                writing[0]++;
            }
            seen.add(e.message());
            synchronized (writing) {
                writing[0]--;
            }
        }, 10_000);
        ExecutorService hosts = Executors.newFixedThreadPool(3);
        for (int t = 0; t < 3; t++) {
            int base = t * 1000;
            hosts.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    feed.offer(event(base + i));
                }
            });
        }
        hosts.shutdown();
        assertThat(hosts.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(feed.close(Duration.ofSeconds(10))).isTrue();
        assertThat(seen).hasSize(3000);
        assertThat(overlapped[0]).isFalse();
    }

    @Test
    void aClientThatThrowsIsDetachedAndTheSenderNeverNotices() {
        ClientFeed feed = new ClientFeed(1, "push", e -> {
            throw new IllegalStateException("s=OPEN,api=BLOCKED");
        }, 100);
        feed.offer(event(0));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (feed.detachedBecause() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        for (int i = 1; i < 1000; i++) {
            feed.offer(event(i)); // would throw if the client's failure reached the step
        }
        assertThat(feed.close(Duration.ofSeconds(5))).isFalse();
        assertThat(feed.detachedBecause()).contains("writing to it failed").contains("s=OPEN,api=BLOCKED");
    }

    @Test
    void aClientThatStopsReadingIsDetachedOnceItFallsBehindWithoutSlowingTheSender() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ClientFeed feed = new ClientFeed(1, "push", e -> {
            try {
                never.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, 50);
        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            feed.offer(event(i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(feed.detachedBecause()).contains("events behind");
        assertThat(feed.close(Duration.ofMillis(200))).isFalse();
    }
}
