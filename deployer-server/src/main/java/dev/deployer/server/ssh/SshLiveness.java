package dev.deployer.server.ssh;

import java.time.Duration;

/**
 * How quickly a lost host is noticed and how long an unused connection lives. Every connection
 * sends an OpenSSH keepalive each {@code keepAlive}, which the host answers; a connection on which
 * the host sent nothing at all for {@code silence} is hung up and every channel on it fails at
 * once. An upload whose stdin the host stops taking for {@code uploadStall} fails too, though the
 * link answers. A pooled connection unused for {@code idleExpiry} is closed.
 */
public record SshLiveness(Duration keepAlive, Duration silence, Duration uploadStall, Duration idleExpiry) {
    public SshLiveness {
        if (keepAlive.toSeconds() < 1 || silence.compareTo(keepAlive.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("keepalive must be at least 1 s and silence at least two keepalives");
        }
        if (uploadStall.compareTo(silence) < 0 || idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("upload stall must be at least the silence limit, idle expiry positive");
        }
    }

    /** A lost link fails its steps within 6-8 s; hosts answer a keepalive in milliseconds, so 3 missed in a row is no hiccup. */
    public static SshLiveness defaults() {
        return new SshLiveness(Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }
}
