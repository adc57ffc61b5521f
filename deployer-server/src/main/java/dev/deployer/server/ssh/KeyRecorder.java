package dev.deployer.server.ssh;

import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/** For trust on first use: records the key a host presents and rejects it, so no session is ever opened with it. */
final class KeyRecorder implements HostKeyVerifier {
    private volatile String recorded;

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        recorded = HostKeys.openSsh(key);
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of(); // sshj's own preference: ed25519 first
    }

    String recorded() {
        return recorded;
    }
}
