package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/apps/{app}/status}: per host, the unit's state, which release it runs, and whether it answers. */
public record AppStatus(String app, Integer currentVersion, List<HostStatus> hosts) {

    /**
     * {@code drift} is true when the host runs another release than the one recorded as current.
     * {@code slots}: for a zero-downtime app, which slot takes traffic and what the other one holds; null for
     * {@code strategy: restart}. {@code health}: the app's health path asked on the app's port just now; null when the
     * host could not be read at all ({@code error} says why).
     */
    public record HostStatus(String host, String activeState, Integer version, Instant since, boolean drift, String error,
                             Slots slots, Health health) {
        public HostStatus(String host, String activeState, Integer version, Instant since, boolean drift, String error) {
            this(host, activeState, version, since, drift, error, null, null);
        }

        public HostStatus(String host, String activeState, Integer version, Instant since, boolean drift, String error,
                          Slots slots) {
            this(host, activeState, version, since, drift, error, slots, null);
        }
    }

    /**
     * The two slots of a zero-downtime app on one host. {@code live} ("a" or "b") takes the traffic and runs
     * {@code liveVersion}; {@code standby} is the other slot when it is still running, warm for an instant
     * rollback to {@code standbyVersion}, until {@code standbyUntil} (then it is stopped); all three null when the
     * other slot is stopped.
     */
    public record Slots(String live, Integer liveVersion, String standby, Integer standbyVersion, Instant standbyUntil) {}

    /**
     * One answer of the app's health path on the host, read with the status: {@code state} is {@value #HEALTHY} (HTTP 2xx),
     * {@value #UNHEALTHY} (another status, or nothing answers), or {@value #UNKNOWN} (not asked: no health path set, the
     * unit is not active, or the question could not be put); {@code detail} says which, in a few words.
     */
    public record Health(String state, String detail) {
        public static final String HEALTHY = "healthy";
        public static final String UNHEALTHY = "unhealthy";
        public static final String UNKNOWN = "unknown";
    }
}
