package dev.deployer.server.ssh;

import dev.deployer.server.ssh.HostTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH connection per host, reused by every step, with a bounded number of concurrent channels
 * on it. A connection that broke is closed and the next step connects again; one that nothing used
 * for the idle expiry is closed, so that a long-lived connection never stands in for a fresh login.
 */
final class HostConnections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostConnections.class);

    /** Work on a connected client. Throwing {@link StaleConnection} means nothing ran on the host yet. */
    interface Work<T> {
        T run(SSHClient client) throws IOException, InterruptedException;
    }

    /** The pooled connection could not even open a channel: safe to retry on a fresh connection. */
    static final class StaleConnection extends IOException {
        StaleConnection(Throwable cause) {
            super(cause);
        }
    }

    private final ConcurrentMap<String, Pooled> pool = new ConcurrentHashMap<>();
    private final SshConnector connector;
    private final SshLimits limits;
    private final Duration idleExpiry;
    private final ScheduledExecutorService sweeper;

    HostConnections(SshConnector connector, SshLimits limits, Duration idleExpiry) {
        this.connector = connector;
        this.limits = limits;
        this.idleExpiry = idleExpiry;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ssh-idle-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, Math.min(30_000, idleExpiry.toMillis() / 2));
        sweeper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    <T> T withSession(HostTarget target, String step, Work<T> work) {
        Pooled pooled = pooled(target);
        acquire(target, step, pooled.sessions);
        try {
            for (int attempt = 1; ; attempt++) {
                SSHClient client = pooled.lease(target, step, connector, idleExpiry);
                try {
                    return work.run(client);
                } catch (StaleConnection e) {
                    pooled.drop(client, target);
                    if (SilenceLimit.hungUp(client)) {
                        throw RemoteFailure.linkLost(target, step, e);
                    }
                    if (attempt >= 2) {
                        throw RemoteFailure.connectionLost(target, step, e);
                    }
                } catch (IOException e) {
                    pooled.drop(client, target);
                    throw SilenceLimit.hungUp(client) ? RemoteFailure.linkLost(target, step, e) : RemoteFailure.connectionLost(target, step, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RemoteFailure.connectionLost(target, step, e);
                } finally {
                    pooled.release();
                }
            }
        } finally {
            pooled.sessions.release();
        }
    }

    /** A connected client for one long-running stream; {@code release} gives its slot back. */
    record StreamLease(SSHClient client, Runnable release) {}

    /** Streams draw from their own small budget so that followers of logs never starve deploy steps. */
    StreamLease acquireStream(HostTarget target, String step) {
        Pooled pooled = pooled(target);
        if (!pooled.streams.tryAcquire()) {
            throw new RemoteFailure(RemoteFailure.Kind.STREAMS_BUSY, target.name(), step, -1, "host " + target.name()
                    + " already has " + limits.streamsPerHost() + " open streams: close one first", null);
        }
        try {
            SSHClient client = pooled.lease(target, step, connector, idleExpiry);
            return new StreamLease(client, () -> {
                pooled.release();
                pooled.streams.release();
            });
        } catch (RuntimeException e) {
            pooled.streams.release();
            throw e;
        }
    }

    private void acquire(HostTarget target, String step, Semaphore permits) {
        try {
            if (!permits.tryAcquire(limits.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw RemoteFailure.timedOut(target, step + " (waiting for a free SSH session)", limits.commandTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RemoteFailure.connectionLost(target, step, e);
        }
    }

    private Pooled pooled(HostTarget target) {
        return pool.computeIfAbsent(target.name(), name -> new Pooled(limits));
    }

    private void closeIdle() {
        pool.forEach((name, pooled) -> pooled.closeIfIdle(name, idleExpiry));
    }

    /** Closes the host's connection, e.g. after its key was re-pinned or the host was removed. */
    void forget(String hostName) {
        Pooled pooled = pool.remove(hostName);
        if (pooled != null) {
            pooled.closeQuietly();
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        pool.values().forEach(Pooled::closeQuietly);
        pool.clear();
    }

    private static final class Pooled {
        final Semaphore sessions;
        final Semaphore streams;
        private SSHClient client;
        private HostTarget connectedAs;
        private int inUse;
        private long idleSince = System.nanoTime();
        /** Connect attempts that failed, and the last failure: steps that waited on a failing attempt share its answer. */
        private volatile long failedConnects;
        private RemoteFailure lastFailure;

        Pooled(SshLimits limits) {
            sessions = new Semaphore(limits.sessionsPerHost(), true);
            streams = new Semaphore(limits.streamsPerHost());
        }

        /**
         * The host's connection, opened if needed, counted as in use until {@link #release}. Connecting happens under
         * the lock: concurrent steps for one host wait for one connection instead of opening many, and when that
         * attempt fails they fail with it at once instead of each waiting out a connect timeout of its own.
         */
        SSHClient lease(HostTarget target, String step, SshConnector connector, Duration idleExpiry) {
            long failedBefore = failedConnects;
            synchronized (this) {
                if (client != null && !(client.isConnected() && client.isAuthenticated() && target.equals(connectedAs)
                        && !(inUse == 0 && idleFor(idleExpiry)))) {
                    SshConnector.close(client);
                    client = null;
                }
                if (client == null) {
                    if (failedConnects != failedBefore) {
                        throw lastFailure.forStep(step);
                    }
                    try {
                        client = connector.connect(target, step);
                    } catch (RemoteFailure failure) {
                        lastFailure = failure;
                        failedConnects++;
                        throw failure;
                    }
                    connectedAs = target;
                }
                inUse++;
                return client;
            }
        }

        synchronized void release() {
            if (--inUse == 0) {
                idleSince = System.nanoTime();
            }
        }

        synchronized void drop(SSHClient broken, HostTarget target) {
            if (client == broken) {
                LOG.info("ssh connection dropped host={}: the next step reconnects", target.name());
                SshConnector.close(broken);
                client = null;
            }
        }

        synchronized void closeIfIdle(String host, Duration idleExpiry) {
            if (client != null && inUse == 0 && idleFor(idleExpiry)) {
                LOG.info("ssh connection closed host={}: unused for {} s, the next step logs in afresh", host,
                        idleExpiry.toSeconds());
                SshConnector.close(client);
                client = null;
            }
        }

        private boolean idleFor(Duration expiry) {
            return System.nanoTime() - idleSince >= expiry.toNanos();
        }

        synchronized void closeQuietly() {
            if (client != null) {
                SshConnector.close(client);
                client = null;
            }
        }
    }
}
