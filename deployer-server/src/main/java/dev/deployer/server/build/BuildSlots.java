package dev.deployer.server.build;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may build now: one build per app at a time (a second one waits, then usually finds the
 * first one's artifact), and at most {@code concurrency} builds in all, since each takes a core
 * and a JVM's worth of memory.
 */
final class BuildSlots {
    private final Map<String, ReentrantLock> apps = new ConcurrentHashMap<>();
    private final Semaphore slots;

    BuildSlots(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("build concurrency must be 1 or more (got " + concurrency + ")");
        }
        this.slots = new Semaphore(concurrency, true);
    }

    /** Waits for the app's turn; says so on {@code output} when it has to wait. */
    Held appTurn(String app, BuildOutput output) throws InterruptedException {
        ReentrantLock lock = apps.computeIfAbsent(app, name -> new ReentrantLock(true));
        if (!lock.tryLock()) {
            output.step("waiting for the build of " + app + " that is already running");
            lock.lockInterruptibly();
        }
        return lock::unlock;
    }

    /** Waits for one of the server's build slots. */
    Held buildSlot(BuildOutput output) throws InterruptedException {
        if (!slots.tryAcquire()) {
            output.step("waiting for a free build slot (other apps are building)");
            slots.acquire();
        }
        return slots::release;
    }

    /** A turn or slot, to be released in a finally block. */
    @FunctionalInterface
    interface Held {
        void release();
    }
}
