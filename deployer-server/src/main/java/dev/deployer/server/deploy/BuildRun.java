package dev.deployer.server.deploy;

import dev.deployer.api.DeploymentKind;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.Artifact;
import dev.deployer.server.build.BuildFailure;
import dev.deployer.server.build.BuildSpec;
import dev.deployer.server.build.Builder;
import dev.deployer.server.build.Formation;
import dev.deployer.server.build.CronTable;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.repos.AppRepositories;
import dev.deployer.server.secrets.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Deploy: resolve the ref, build it (or reuse the artifact of a commit already built), make a release. */
public class BuildRun implements DeploymentRun {
    private final AppRepositories repositories;
    private final Builder builder;
    private final ReleaseService releases;
    private final ConfigVars configVars;
    private final String ref;
    private final boolean fetchFirst;
    private final String actor;
    private final Function<App, Optional<Release>> current;

    /** {@code fetchFirst}: update from the app's repo URL before resolving (not for a commit that was just pushed). */
    public BuildRun(AppRepositories repositories, Builder builder, ReleaseService releases, ConfigVars configVars,
                    String ref, boolean fetchFirst, String actor, Function<App, Optional<Release>> current) {
        this.repositories = repositories;
        this.builder = builder;
        this.releases = releases;
        this.configVars = configVars;
        this.ref = ref;
        this.fetchFirst = fetchFirst;
        this.actor = actor;
        this.current = current;
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
        Optional<Procfile> procfile = log.stepWith(null, "procfile", () -> {
            try {
                Optional<Procfile> found = builder.procfile(repositories.gitDir(app.name()), commit);
                return new StepResult<>(found, found.map(p -> "Procfile: " + String.join(", ",
                        p.processes().stream().map(Procfile.Process::type).toList())).orElse("no Procfile: the default web process"));
            } catch (BuildFailure e) {
                throw new IllegalStateException("build failed: " + e.getMessage(), e);
            }
        });
        CronTable cron = log.stepWith(null, "cron", () -> {
            try {
                CronTable found = builder.cron(repositories.gitDir(app.name()), commit);
                found.checkHosts(app.hosts());
                return new StepResult<>(found, found.entries().isEmpty() ? "no cron entries"
                        : "app.json: " + found.entries().size() + " cron entr" + (found.entries().size() == 1 ? "y" : "ies"));
            } catch (BuildFailure e) {
                throw new IllegalStateException("build failed: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("build failed: " + e.getMessage() + ": fix app.json and push again", e);
            }
        });
        // Scaling outlives a build: the types someone scaled keep their counts in the new release.
        Formation formation = current.apply(app).map(Release::scale).orElse(Formation.NONE);
        Map<String, Secret> config = configVars.current(app.id());
        Release release = releases.create(app, commit, artifact.sha256(), artifact.size(), config, procfile, formation, cron,
                "deploy of " + wanted + " (" + commit.substring(0, 7) + ")", actor);
        log.note(null, "release", "created " + release.label());
        return new Prepared(release, config, artifact.file(), true);
    }
}
