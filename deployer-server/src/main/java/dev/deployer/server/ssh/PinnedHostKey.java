package dev.deployer.server.ssh;

import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/** Accepts exactly the one pinned key; remembers what a host presented so a mismatch can be reported. */
final class PinnedHostKey implements HostKeyVerifier {
    private final String pinned;
    private volatile String presented;

    PinnedHostKey(String pinned) {
        this.pinned = pinned;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        presented = HostKeys.openSsh(key);
        return HostKeys.same(pinned, key);
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return HostKeys.algorithmsFor(pinned);
    }

    /** The key the host presented when it was not the pinned one; null when it matched or none was seen. */
    String mismatch() {
        String seen = presented;
        return seen != null && !HostKeys.blobEquals(seen, pinned) ? seen : null;
    }
}
