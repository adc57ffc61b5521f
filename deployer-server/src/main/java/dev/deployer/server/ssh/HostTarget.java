package dev.deployer.server.ssh;

import java.util.Objects;

/**
 * Everything needed to reach one host: where, as whom, and the host key pinned for it (OpenSSH
 * {@code type base64} form) with its {@code SHA256:...} fingerprint. What the deploy engine hands
 * to {@link dev.deployer.server.ssh.HostAccess}.
 */
public record HostTarget(String name, String address, int port, String user, String hostKey, String fingerprint) {
    public HostTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** True when commands run as root already; otherwise privileged steps go through {@code sudo -n}. */
    public boolean root() {
        return "root".equals(user);
    }

    /** For messages: {@code web1 (deploy@10.0.0.5:22)}. */
    public String describe() {
        return name + " (" + user + "@" + address + ":" + port + ")";
    }
}
