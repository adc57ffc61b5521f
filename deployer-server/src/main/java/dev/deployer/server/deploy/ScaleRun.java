package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentKind;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.build.Formation;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseService;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Scaling: a new release copying the current one (artifact, config, unit, processes) with another formation. */
public class ScaleRun implements DeploymentRun {
    private final ReleaseService releases;
    private final ConfigVars configVars;
    private final ArtifactStore artifacts;
    private final Release current;
    private final Formation formation;
    private final Map<String, Integer> asked;
    private final String actor;

    public ScaleRun(ReleaseService releases, ConfigVars configVars, ArtifactStore artifacts, Release current, Formation formation,
                    Map<String, Integer> asked, String actor) {
        this.releases = releases;
        this.configVars = configVars;
        this.artifacts = artifacts;
        this.current = current;
        this.formation = formation;
        this.asked = new TreeMap<>(asked);
        this.actor = actor;
    }

    /**
     * {@code current}'s formation with {@code counts} applied; refused (400) for a type the release does not have, a count
     * outside 0..16, or web other than 1 (one app port per host: a second web process would have none).
     */
    static Formation formation(Release current, Map<String, Integer> counts) {
        InvalidInput.check(() -> {
            validate(current, counts);
            return null;
        });
        Map<String, Integer> others = new TreeMap<>(counts);
        others.remove(Procfile.WEB);
        return current.scale().with(others);
    }

    private static void validate(Release current, Map<String, Integer> counts) {
        if (counts == null || counts.isEmpty()) {
            throw new IllegalArgumentException("name at least one TYPE=N, e.g. worker=2");
        }
        Set<String> types = current.procfile().map(p -> p.others().stream().map(Procfile.Process::type)
                .collect(Collectors.toSet())).orElse(Set.of());
        counts.forEach((type, n) -> {
            if (type.equals(Procfile.WEB)) {
                if (!Integer.valueOf(1).equals(n)) {
                    throw new IllegalArgumentException("web runs exactly 1 instance per host (it owns the app's port); "
                            + "add hosts to run more");
                }
            } else if (type.equals(Procfile.RELEASE)) {
                throw new IllegalArgumentException("release runs once per deploy, not as instances: it cannot be scaled");
            } else if (!types.contains(type)) {
                throw new IllegalArgumentException(current.label() + " has no process type '" + (type.length() > 40
                        ? type.substring(0, 40) + "..." : type) + "'" + (types.isEmpty() ? " (it has no Procfile types besides web)"
                        : "; its types: " + String.join(", ", new java.util.TreeSet<>(types))));
            }
        });
        Formation.NONE.with(counts); // bounds and names
    }

    @Override
    public DeploymentKind kind() {
        return DeploymentKind.SCALE;
    }

    @Override
    public Prepared prepare(App app, StepLog log) {
        String change = String.join(" ", asked.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        Release release = releases.copy(app, current, formation, "scale " + change, actor);
        log.note(null, "release", "created " + release.label() + " as a copy of " + current.label() + " scaled: " + change);
        return new Prepared(release, configVars.openSnapshot(release.configSnapshot()),
                artifacts.file(release.artifactSha256()).orElse(null));
    }
}
