package dev.deployer.server.deploy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** One deployment per app at a time, and which one holds the app, for the 409 message. */
public class AppLocks {
    private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();
    private final Map<String, Long> holders = new ConcurrentHashMap<>();

    public boolean tryAcquire(String app) {
        return lock(app).tryAcquire();
    }

    public void acquire(String app) throws InterruptedException {
        lock(app).acquire();
    }

    public void holdBy(String app, long deployment) {
        holders.put(app, deployment);
    }

    public Optional<Long> holder(String app) {
        return Optional.ofNullable(holders.get(app));
    }

    public void release(String app) {
        holders.remove(app);
        lock(app).release();
    }

    private Semaphore lock(String app) {
        return locks.computeIfAbsent(app, name -> new Semaphore(1));
    }
}
