package dev.deployer.server.notify;

import dev.deployer.server.deploy.DeploymentObserver;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each deployment moment into one delivery per webhook. The deployment's thread only
 * queues the notice (bounded, never blocking); finding the webhooks and building the bodies
 * happens on this class's own thread, and sending in {@link WebhookDelivery}.
 */
public final class Notifier implements DeploymentObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    static final int QUEUE = 1000;

    private final Webhooks webhooks;
    private final NotificationBody bodies;
    private final WebhookDelivery delivery;
    private final Clock clock;
    private final ExecutorService fanOut;

    public Notifier(Webhooks webhooks, NotificationBody bodies, WebhookDelivery delivery, Clock clock) {
        this.webhooks = webhooks;
        this.bodies = bodies;
        this.delivery = delivery;
        this.clock = clock;
        this.fanOut = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread thread = new Thread(runnable, "notify-fan-out");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void observed(Notice notice) {
        try {
            fanOut.execute(() -> fanOut(notice));
        } catch (RejectedExecutionException e) {
            LOG.warn("deployment={} app={} {}: no notification sent, {} notices are already waiting", notice.deployment(),
                    notice.app(), notice.phase(), QUEUE);
        }
    }

    private void fanOut(Notice notice) {
        try {
            String what = "deployment " + notice.deployment() + " " + notice.phase();
            for (Webhooks.Target target : webhooks.targets(notice.app())) {
                if (target.events().contains(notice.phase())) {
                    delivery.submit(new WebhookDelivery.Delivery(notice.app(), target.id(), target.url(), target.masked(), what,
                            bodies.render(target.format(), notice, clock.instant())));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("deployment={} app={} {}: notifications could not be prepared ({})", notice.deployment(), notice.app(),
                    notice.phase(), e.getMessage());
        }
    }

    @Override
    public void close() {
        fanOut.shutdownNow();
    }
}
