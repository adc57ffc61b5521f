package dev.deployer.server.releases;

import dev.deployer.server.build.CronTable;
import dev.deployer.server.build.Formation;
import dev.deployer.server.build.Procfile;
import java.time.Instant;
import java.util.Optional;

/**
 * An immutable release {@code vN}: artifact + sealed config snapshot + rendered unit + commit + who + when.
 * {@code status} is the stored word of a {@link dev.deployer.api.ReleaseStatus}. {@code processes}: the Procfile's types
 * in normalized form (null: no Procfile); {@code formation}: instances per host as scaled (see build.Formation);
 * {@code cronJobs}: app.json's cron entries, normalized (null: none).
 */
public record Release(long id, long appId, int version, String commitSha, String artifactSha256, long artifactSize,
                      String configSnapshot, String unitText, String description, String status, String createdBy,
                      Instant createdAt, String processes, String formation, String cronJobs) {

    /** The release's scheduled jobs (app.json's cron entries); {@link CronTable#NONE} when it has none. */
    public CronTable cron() {
        return cronJobs == null ? CronTable.NONE : CronTable.parse(cronJobs);
    }

    /** The release's process types; empty: no Procfile, the default web process alone. */
    public Optional<Procfile> procfile() {
        return processes == null ? Optional.empty() : Optional.of(Procfile.parse(processes));
    }

    /** Instances per host of each type, as scaled. */
    public Formation scale() {
        return Formation.parse(formation);
    }

    public String label() {
        return "v" + version;
    }
}
