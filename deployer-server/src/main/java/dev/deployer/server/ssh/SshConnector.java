package dev.deployer.server.ssh;

import dev.deployer.server.ssh.HostTarget;
import java.io.IOException;
import java.nio.file.Path;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens authenticated connections with the server's key, verifying the host against its pinned
 * key only. The sole other verifier, {@link KeyRecorder}, rejects every key it sees.
 */
final class SshConnector {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);

    private final DefaultConfig config = new DefaultConfig();
    private final Path privateKey;
    private final SshLimits limits;
    private final SshLiveness liveness;
    private final LastLogins lastLogins;

    SshConnector(Path privateKey, SshLimits limits, SshLiveness liveness, LastLogins lastLogins) {
        this.privateKey = privateKey;
        this.limits = limits;
        this.liveness = liveness;
        this.lastLogins = lastLogins;
        // keepalive@openssh.com wants a reply: a live host sends something every interval, so silence means it is gone.
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    }

    /** A logged-in client; whether the login worked is noted in {@link LastLogins}. */
    SSHClient connect(HostTarget target, String step) {
        try {
            SSHClient client = login(target, step);
            lastLogins.succeeded(target.name());
            return client;
        } catch (RuntimeException e) {
            lastLogins.failed(target.name());
            throw e;
        }
    }

    private SSHClient login(HostTarget target, String step) {
        PinnedHostKey verifier = new PinnedHostKey(target.hostKey());
        SSHClient client = newClient(verifier);
        try {
            client.connect(target.address(), target.port());
        } catch (IOException e) {
            close(client);
            String presented = verifier.mismatch();
            if (presented != null) {
                LOG.warn("ssh host key changed host={} address={}:{} pinned={} presented={}: connection refused",
                        target.name(), target.address(), target.port(), target.fingerprint(), HostKeys.fingerprint(presented));
                throw keyChanged(target, step, presented);
            }
            throw unreachable(target.name(), target.address(), target.port(), step, e);
        }
        try {
            client.authPublickey(target.user(), client.loadKeys(privateKey.toString()));
        } catch (UserAuthException e) {
            close(client);
            LOG.warn("ssh login refused host={} address={}:{} user={}: the server's key is not in authorized_keys",
                    target.name(), target.address(), target.port(), target.user());
            throw new RemoteFailure(RemoteFailure.Kind.LOGIN_REFUSED, target.name(), step, -1, "host " + target.describe()
                    + " refused the deployer's SSH key for user " + target.user() + ": add the server's public key "
                    + "(deployer ssh-key) to ~" + target.user() + "/.ssh/authorized_keys on the host", e);
        } catch (IOException e) {
            close(client);
            throw unreachable(target.name(), target.address(), target.port(), step, e);
        }
        LOG.info("ssh connected host={} address={}:{} user={} fingerprint={}",
                target.name(), target.address(), target.port(), target.user(), target.fingerprint());
        return client;
    }

    /** The host's key in OpenSSH form, read during key exchange; the connection is then refused, never used. */
    String fetchHostKey(String address, int port) {
        KeyRecorder recorder = new KeyRecorder();
        SSHClient client = newClient(recorder);
        try {
            client.connect(address, port);
        } catch (IOException e) {
            if (recorder.recorded() != null) {
                return recorder.recorded();
            }
            throw unreachable(null, address, port, "fetch host key", e);
        } finally {
            close(client);
        }
        throw new IllegalStateException("connected to " + address + ":" + port + " without verifying its host key");
    }

    private SSHClient newClient(HostKeyVerifier verifier) {
        SSHClient client = new SSHClient(config);
        client.addHostKeyVerifier(verifier);
        // A host that does not even answer the TCP handshake within the silence limit is as gone as one that fell silent.
        client.setConnectTimeout((int) Math.min(limits.connectTimeout().toMillis(), liveness.silence().toMillis()));
        client.getTransport().setTimeoutMs((int) limits.connectTimeout().toMillis());
        client.getConnection().getKeepAlive().setKeepAliveInterval((int) liveness.keepAlive().toSeconds());
        client.setSocketFactory(new SilenceLimit((int) liveness.silence().toMillis()));
        client.setTimeout((int) liveness.silence().toMillis());
        // sshj waits this long for a channel to open or its window to grow; longer than the stall limit, which says it better
        client.getConnection().setTimeoutMs((int) liveness.uploadStall().multipliedBy(2).toMillis());
        return client;
    }

    private static RemoteFailure keyChanged(HostTarget target, String step, String presented) {
        String seen = HostKeys.fingerprint(presented);
        return new RemoteFailure(RemoteFailure.Kind.HOST_KEY_CHANGED, target.name(), step, -1, "host " + target.describe()
                + " presented SSH host key " + seen + ", not the pinned " + target.fingerprint()
                + ": the host key changed and the deployer refuses to connect. If the host was reinstalled or its keys "
                + "were regenerated on purpose, check the fingerprint on the host itself (ssh-keygen -lf "
                + "/etc/ssh/ssh_host_ed25519_key.pub) and re-pin it with: deployer hosts trust " + target.name()
                + " --fingerprint " + seen + ". Otherwise someone may be intercepting the connection.", null);
    }

    private static RemoteFailure unreachable(String name, String address, int port, String step, IOException e) {
        LOG.warn("ssh unreachable host={} address={}:{} step={} ({})", name, address, port, step, RemoteFailure.reason(e));
        return new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, name, step, -1, "cannot reach "
                + (name == null ? "" : "host " + name + " at ") + address + ":" + port + " over SSH (" + RemoteFailure.reason(e)
                + "): check the address, the port and that sshd is running and not firewalled", e);
    }

    static void close(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a broken connection: nothing left to save
        }
    }
}
