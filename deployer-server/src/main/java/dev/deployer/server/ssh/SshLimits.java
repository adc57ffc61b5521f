package dev.deployer.server.ssh;

import java.time.Duration;

/**
 * Timeouts and per-host concurrency. OpenSSH allows 10 sessions per connection (MaxSessions) and
 * drops bursts of new connections (MaxStartups 10): one connection per host with at most
 * {@code sessionsPerHost + streamsPerHost} channels stays inside both.
 */
public record SshLimits(Duration connectTimeout, Duration commandTimeout, Duration uploadTimeout,
                        int sessionsPerHost, int streamsPerHost) {
    public SshLimits {
        if (sessionsPerHost < 1 || streamsPerHost < 1 || sessionsPerHost + streamsPerHost > 10) {
            throw new IllegalArgumentException("sessions + streams per host must be 2..10 (OpenSSH MaxSessions)");
        }
    }

    public static SshLimits defaults() {
        return new SshLimits(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(30), 8, 2);
    }
}
