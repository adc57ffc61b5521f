package dev.deployer.server.releases;

import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.JavaOptions;
import dev.deployer.server.build.CronTable;
import dev.deployer.server.build.Formation;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.remote.SystemdUnit;
import dev.deployer.server.secrets.Secret;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Makes releases (sealed config snapshot, rendered unit) and reads the history. */
public class ReleaseService {
    private final ReleaseDao dao;
    private final ConfigVars configVars;
    private final Clock clock;

    public ReleaseService(ReleaseDao dao, ConfigVars configVars, Clock clock) {
        this.dao = dao;
        this.configVars = configVars;
        this.clock = clock;
    }

    public Release create(App app, String commit, String artifactSha256, long artifactSize, Map<String, Secret> config,
                          String description, String actor) {
        return create(app, commit, artifactSha256, artifactSize, config, Optional.empty(), Formation.NONE, CronTable.NONE, description,
                actor);
    }

    /**
     * A release of {@code procfile}'s process types (empty: the default web process) scaled to {@code formation}, with
     * {@code cron}'s scheduled jobs.
     */
    public Release create(App app, String commit, String artifactSha256, long artifactSize, Map<String, Secret> config,
                          Optional<Procfile> procfile, Formation formation, CronTable cron, String description, String actor) {
        return dao.insertNext(app.id(), commit, artifactSha256, artifactSize, configVars.sealSnapshot(config),
                unitText(app, procfile), description, actor,
                clock.instant(), procfile.map(Procfile::text).orElse(null), formationText(formation), cron.text());
    }

    /**
     * The release a {@link #create} of these would make, not stored: the next version, the unit rendered the same way.
     * What a dry run plans with; its id is 0 and its config snapshot empty (the dry run holds the config itself).
     */
    public Release draft(App app, String commit, String artifactSha256, long artifactSize, Optional<Procfile> procfile,
                         Formation formation, CronTable cron, String actor) {
        return new Release(0, app.id(), dao.nextVersion(app.id()), commit, artifactSha256, artifactSize, null, unitText(app, procfile),
                "dry run", "pending", actor, clock.instant(), procfile.map(Procfile::text).orElse(null), formationText(formation),
                cron.text());
    }

    private static String unitText(App app, Optional<Procfile> procfile) {
        List<String> web = procfile.flatMap(Procfile::web).map(Procfile.Process::words).orElse(List.of());
        return SystemdUnit.render(new SystemdUnit.Spec(app.name(), JavaOptions.words(app.javaOptions()), web));
    }

    /** A new release that copies {@code source}: artifact, config snapshot, unit, processes and formation as they were. */
    public Release copy(App app, Release source, String description, String actor) {
        return copy(app, source, source.scale(), description, actor);
    }

    /** A copy of {@code source} with another formation: what scaling makes. */
    public Release copy(App app, Release source, Formation formation, String description, String actor) {
        return dao.insertNext(app.id(), source.commitSha(), source.artifactSha256(), source.artifactSize(),
                source.configSnapshot(), source.unitText(), description, actor, clock.instant(), source.processes(),
                formationText(formation), source.cronJobs());
    }

    private static String formationText(Formation formation) {
        return formation.counts().isEmpty() ? null : formation.text();
    }

    public Optional<Release> version(App app, int version) {
        return dao.findVersion(app.id(), version);
    }

    public Optional<Release> lastGoodBefore(App app, int version) {
        return dao.lastGoodBefore(app.id(), version);
    }

    public List<ReleaseInfo> history(App app, Optional<Release> current) {
        long currentId = current.map(Release::id).orElse(-1L);
        return dao.history(app.id()).stream()
                .map(r -> new ReleaseInfo(r.version(), r.commitSha(), r.artifactSha256(), r.artifactSize(), r.description(),
                        r.status(), r.id() == currentId, r.createdBy(), r.createdAt()))
                .toList();
    }
}
