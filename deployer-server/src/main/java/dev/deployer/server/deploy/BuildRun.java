package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentKind;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.Artifact;
import dev.deployer.server.build.BuildFailure;
import dev.deployer.server.build.BuildSpec;
import dev.deployer.server.build.Builder;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.repos.AppRepositories;
import dev.deployer.server.secrets.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Deploy: resolve the ref, build it (or reuse the artifact of a commit already built), make a release. */
public class BuildRun implements DeploymentRun {
    private final AppRepositories repositories;
    private final Builder builder;
    private final ReleaseService releases;
    private final ConfigVars configVars;
    private final String ref;
    private final boolean fetchFirst;
    private final String actor;

    /** {@code fetchFirst}: update from the app's repo URL before resolving (not for a commit that was just pushed). */
    public BuildRun(AppRepositories repositories, Builder builder, ReleaseService releases, ConfigVars configVars,
                    String ref, boolean fetchFirst, String actor) {
        this.repositories = repositories;
        this.builder = builder;
        this.releases = releases;
        this.configVars = configVars;
        this.ref = ref;
        this.fetchFirst = fetchFirst;
        this.actor = actor;
    }

    @Override
    public DeploymentKind kind() {
        return DeploymentKind.DEPLOY;
    }

    @Override
    public String ref() {
        return ref;
    }

    @Override
    public Prepared prepare(App app, StepLog log) {
        String wanted = ref == null ? app.branch() : ref;
        String commit = log.stepWith(null, "resolve", () -> {
            if (fetchFirst && app.repoUrl() != null) {
                repositories.fetch(app.name(), app.repoUrl());
            }
            String sha = repositories.resolve(app.name(), wanted).orElseThrow(() -> new IllegalArgumentException(
                    "the app's repository has no ref '" + wanted + "': push it first (git push deployer " + wanted + ")"));
            return new StepResult<>(sha, wanted + " is commit " + sha.substring(0, 12));
        });
        BuildSpec spec = new BuildSpec(app.name(), Optional.ofNullable(app.buildCommand()), Optional.ofNullable(app.artifactPath()),
                Duration.ofSeconds(app.buildTimeoutSeconds()));
        Artifact artifact = log.stepWith(null, "build", () -> {
            try {
                Artifact built = builder.build(spec, repositories.gitDir(app.name()), commit, line -> log.output("build", line));
                return new StepResult<>(built, "artifact " + built.sha256().substring(0, 12) + " (" + built.size() + " bytes)");
            } catch (BuildFailure e) {
                throw new IllegalStateException("build failed: " + e.getMessage()
                        + (e.lastLines().isEmpty() ? "" : "\nlast lines of the build:\n" + String.join("\n", e.lastLines())), e);
            }
        });
        Map<String, Secret> config = configVars.current(app.id());
        Release release = releases.create(app, commit, artifact.sha256(), artifact.size(), config,
                "deploy of " + wanted + " (" + commit.substring(0, 7) + ")", actor);
        log.note(null, "release", "created " + release.label());
        return new Prepared(release, config, artifact.file());
    }
}
