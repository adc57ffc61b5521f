package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/apps/{app}/status}: per host, the unit's state and which release it runs. */
public record AppStatus(String app, Integer currentVersion, List<HostStatus> hosts) {

    /**
     * {@code drift} is true when the host runs another release than the one recorded as current.
     * {@code slots}: for a zero-downtime app, which slot takes traffic and what the other one holds; null for
     * {@code strategy: restart}.
     */
    public record HostStatus(String host, String activeState, Integer version, Instant since, boolean drift, String error,
                             Slots slots) {
        public HostStatus(String host, String activeState, Integer version, Instant since, boolean drift, String error) {
            this(host, activeState, version, since, drift, error, null);
        }
    }

    /**
     * The two slots of a zero-downtime app on one host. {@code live} ("a" or "b") takes the traffic and runs
     * {@code liveVersion}; {@code standby} is the other slot when it is still running, warm for an instant
     * rollback to {@code standbyVersion}, until {@code standbyUntil} (then it is stopped); all three null when the
     * other slot is stopped.
     */
    public record Slots(String live, Integer liveVersion, String standby, Integer standbyVersion, Instant standbyUntil) {}
}
