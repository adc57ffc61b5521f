package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/apps/{app}/ps}: per host, each process instance the host runs for the app (web, every Procfile type's
 * instances, each cron entry), read back from systemd just now.
 */
public record AppProcesses(String app, Integer currentVersion, List<HostProcesses> hosts) {

    /** One host's instances; {@code error} says why none could be read (then {@code processes} is empty). */
    public record HostProcesses(String host, String error, List<Process> processes) {
        public HostProcesses {
            processes = processes == null ? List.of() : List.copyOf(processes);
        }
    }

    /**
     * One instance: {@code type} ({@code web}, a Procfile type, or {@code cron}), {@code instance} ({@code 1}, {@code 2}...;
     * a slot {@code a}/{@code b} for a zero-downtime web; the entry's number for cron), its systemd unit, state
     * ({@code ActiveState} and {@code SubState}), the release it runs ({@code version}, from the link its unit starts:
     * {@code current} or the slot's), since when it is in that state, {@code role} ({@code live}/{@code standby} for a slot,
     * else null), and for cron its last run and next one.
     */
    public record Process(String type, String instance, String unit, String activeState, String subState, Integer version,
                          Instant since, String role, CronRun cron) {}

    /**
     * A cron entry's schedule (as written in app.json, when the current release has it), its last run's
     * {@code result} (systemd's {@code Result}: {@code success}, {@code exit-code}, {@code timeout}...; null before the first
     * run) with {@code exitStatus} and when it ended, and when its timer fires next.
     */
    public record CronRun(String schedule, String result, Integer exitStatus, Instant lastExit, Instant nextRun) {}
}
