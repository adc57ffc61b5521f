package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/apps/{app}/status}: per host, the unit's state and which release it runs. */
public record AppStatus(String app, Integer currentVersion, List<HostStatus> hosts) {

    /** {@code drift} is true when the host runs another release than the one recorded as current. */
    public record HostStatus(String host, String activeState, Integer version, Instant since, boolean drift, String error) {}
}
