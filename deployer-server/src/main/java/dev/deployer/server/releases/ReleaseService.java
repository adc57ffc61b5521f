package dev.deployer.server.releases;

import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.JavaOptions;
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
        return dao.insertNext(app.id(), commit, artifactSha256, artifactSize, configVars.sealSnapshot(config),
                SystemdUnit.render(new SystemdUnit.Spec(app.name(), JavaOptions.words(app.javaOptions()))), description, actor, clock.instant());
    }

    /** A new release that copies {@code source}: artifact, config snapshot and unit as they were. */
    public Release copy(App app, Release source, String description, String actor) {
        return dao.insertNext(app.id(), source.commitSha(), source.artifactSha256(), source.artifactSize(),
                source.configSnapshot(), source.unitText(), description, actor, clock.instant());
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
