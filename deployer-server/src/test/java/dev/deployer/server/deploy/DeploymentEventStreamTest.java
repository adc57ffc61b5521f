package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A follower of a deployment's events gets every step, also when hosts report in parallel. */
class DeploymentEventStreamTest {
    private final DeployFixture fixture;
    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    DeploymentEventStreamTest() throws Exception {
        fixture = new DeployFixture();
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        fixture.close();
    }

    @Test
    void anEventStoredFirstButHandedOutAfterALaterOneStillReachesTheFollower() throws Exception {
        // web1's event takes its id first but reaches followers after web2's: two hosts finishing a step together.
        CountDownLatch web1Stored = new CountDownLatch(1);
        CountDownLatch web2Sent = new CountDownLatch(1);
        DeploymentDao slowForWeb1 = (DeploymentDao) Proxy.newProxyInstance(DeploymentDao.class.getClassLoader(),
                new Class<?>[] {DeploymentDao.class}, (proxy, method, args) -> {
                    Object result = method.invoke(fixture.dao, args);
                    if (method.getName().equals("insertEvent") && "web1".equals(args[2])) {
                        web1Stored.countDown();
                        web2Sent.await(5, TimeUnit.SECONDS);
                    }
                    return result;
                });
        DeploymentEvents events = new DeploymentEvents(slowForWeb1, fixture.clock);
        long id = fixture.dao.insert(fixture.app.id(), "deploy", "main", "ci", fixture.clock.instant());
        events.emit(id, "shop", null, "resolve", "ok", 1L, "main is commit abc");
        DeploymentsResource resource = new DeploymentsResource(fixture.deployments, events, Jackson.newObjectMapper());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Future<?> follower = threads.submit(() -> {
            resource.events(id).write(out);
            return null;
        });
        awaitText(out, "main is commit abc"); // following now

        Future<?> web1 = threads.submit(() -> events.emit(id, "shop", "web1", "artifact", "ok", 5L, "web1 linked"));
        assertThat(web1Stored.await(5, TimeUnit.SECONDS)).isTrue();
        events.emit(id, "shop", "web2", "artifact", "ok", 5L, "web2 linked");
        awaitText(out, "web2 linked");
        web2Sent.countDown();
        web1.get(5, TimeUnit.SECONDS);
        fixture.dao.finish(id, "succeeded", "done", fixture.clock.instant());
        events.end(id);
        follower.get(5, TimeUnit.SECONDS);

        assertThat(text(out)).contains("web1 linked", "web2 linked");
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void awaitText(ByteArrayOutputStream out, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!text(out).contains(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(text(out)).contains(wanted);
    }
}
