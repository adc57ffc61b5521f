package dev.deployer.server.remote;

import java.time.Duration;

/**
 * When a drained slot is done: no session left on it, or the drain timeout reached (then its
 * remaining sessions are cut with {@link ProxyCommands#shutdownSessions}). Pure: the caller polls
 * {@link ProxyCommands#showStat} every {@link #POLL} and asks {@link #after}.
 */
public record DrainWait(Slot slot, long startedAtMillis, Duration timeout) {
    public static final Duration POLL = Duration.ofMillis(200);

    public enum Outcome { DRAINED, WAITING, TIMED_OUT }

    public DrainWait {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a drain timeout cannot be negative");
        }
    }

    public Outcome after(ProxyStats stats, long nowMillis) {
        int sessions = stats.server(slot).orElseThrow(() -> new IllegalStateException(
                "the proxy reports no server " + ProxyConfig.BACKEND + "/" + slot.id())).sessions();
        if (sessions == 0) {
            return Outcome.DRAINED;
        }
        return nowMillis - startedAtMillis >= timeout.toMillis() ? Outcome.TIMED_OUT : Outcome.WAITING;
    }
}
