package dev.deployer.server.ssh;

import dev.deployer.server.hosts.HostTarget;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH connection per host, reused by every step, with a bounded number of concurrent channels
 * on it. A connection that broke is closed and the next step connects again.
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

    HostConnections(SshConnector connector, SshLimits limits) {
        this.connector = connector;
        this.limits = limits;
    }

    <T> T withSession(HostTarget target, String step, Work<T> work) {
        return withPermit(target, step, pooled(target).sessions, work);
    }

    /** A connected client for one long-running stream; {@code release} gives its slot back. */
    record StreamLease(SSHClient client, Runnable release) {}

    /** Streams draw from their own small budget so that followers of logs never starve deploy steps. */
    StreamLease acquireStream(HostTarget target, String step) {
        Pooled pooled = pooled(target);
        if (!pooled.streams.tryAcquire()) {
            throw new RemoteFailure(RemoteFailure.Kind.COMMAND_FAILED, target.name(), step, -1, "host " + target.name()
                    + " already has " + limits.streamsPerHost() + " open streams: close one first", null);
        }
        try {
            return new StreamLease(pooled.connected(target, step, connector), pooled.streams::release);
        } catch (RuntimeException e) {
            pooled.streams.release();
            throw e;
        }
    }

    private <T> T withPermit(HostTarget target, String step, Semaphore permits, Work<T> work) {
        Pooled pooled = pooled(target);
        acquire(target, step, permits);
        try {
            for (int attempt = 1; ; attempt++) {
                SSHClient client = pooled.connected(target, step, connector);
                try {
                    return work.run(client);
                } catch (StaleConnection e) {
                    pooled.drop(client, target);
                    if (attempt >= 2) {
                        throw RemoteFailure.connectionLost(target, step, e);
                    }
                } catch (IOException e) {
                    pooled.drop(client, target);
                    throw RemoteFailure.connectionLost(target, step, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RemoteFailure.connectionLost(target, step, e);
                }
            }
        } finally {
            permits.release();
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

    /** Closes the host's connection, e.g. after its key was re-pinned or the host was removed. */
    void forget(String hostName) {
        Pooled pooled = pool.remove(hostName);
        if (pooled != null) {
            pooled.closeQuietly();
        }
    }

    @Override
    public void close() {
        pool.values().forEach(Pooled::closeQuietly);
        pool.clear();
    }

    private static final class Pooled {
        final Semaphore sessions;
        final Semaphore streams;
        private SSHClient client;
        private HostTarget connectedAs;

        Pooled(SshLimits limits) {
            sessions = new Semaphore(limits.sessionsPerHost(), true);
            streams = new Semaphore(limits.streamsPerHost());
        }

        /** Connecting under the lock: concurrent steps for one host wait for one connection instead of opening many. */
        synchronized SSHClient connected(HostTarget target, String step, SshConnector connector) {
            if (client != null && client.isConnected() && client.isAuthenticated() && target.equals(connectedAs)) {
                return client;
            }
            if (client != null) {
                SshConnector.close(client);
            }
            client = null;
            client = connector.connect(target, step);
            connectedAs = target;
            return client;
        }

        synchronized void drop(SSHClient broken, HostTarget target) {
            if (client == broken) {
                LOG.info("ssh connection dropped host={}: the next step reconnects", target.name());
                SshConnector.close(broken);
                client = null;
            }
        }

        synchronized void closeQuietly() {
            if (client != null) {
                SshConnector.close(client);
                client = null;
            }
        }
    }
}
