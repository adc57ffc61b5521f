package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentKind;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.secrets.Secret;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A config change: a new release with the current artifact and the new config snapshot, then a restart.
 * The release's description and the deployment's events name the keys that changed, never a value.
 */
public class ConfigRun implements DeploymentRun {
    /** Well inside the 1000 characters of a release description (a key may be 255). */
    static final int KEYS_SHOWN = 600;

    private final ReleaseService releases;
    private final ConfigVars configVars;
    private final ArtifactStore artifacts;
    private final Release current;
    private final Set<String> changedKeys;
    private final String actor;

    public ConfigRun(ReleaseService releases, ConfigVars configVars, ArtifactStore artifacts, Release current,
                     Set<String> changedKeys, String actor) {
        this.releases = releases;
        this.configVars = configVars;
        this.artifacts = artifacts;
        this.current = current;
        this.changedKeys = new TreeSet<>(changedKeys);
        this.actor = actor;
    }

    @Override
    public DeploymentKind kind() {
        return DeploymentKind.CONFIG;
    }

    @Override
    public Prepared prepare(App app, StepLog log) {
        Map<String, Secret> config = configVars.current(app.id());
        String keys = keys(changedKeys);
        Release release = releases.create(app, current.commitSha(), current.artifactSha256(), current.artifactSize(), config,
                current.procfile(), current.scale(), current.cron(), "config change" + (keys.isEmpty() ? "" : ": " + keys), actor);
        log.note(null, "release", "created " + release.label() + " with the artifact of " + current.label() + " and new config"
                + (keys.isEmpty() ? "" : " (changed: " + keys + ")"));
        return new Prepared(release, config, artifacts.file(release.artifactSha256()).orElse(null), true);
    }

    /** The keys, joined; past {@link #KEYS_SHOWN} characters the rest are counted, so the description fits its column. */
    static String keys(Set<String> keys) {
        StringBuilder shown = new StringBuilder();
        int left = keys.size();
        for (String key : keys) {
            String next = (shown.length() == 0 ? "" : ", ") + key;
            if (shown.length() + next.length() > KEYS_SHOWN) {
                return shown + " and " + left + " more";
            }
            shown.append(next);
            left--;
        }
        return shown.toString();
    }
}
