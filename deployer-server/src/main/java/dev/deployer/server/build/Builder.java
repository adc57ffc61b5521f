package dev.deployer.server.build;

import dev.deployer.server.storage.DataDir;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an app's commit into a verified artifact, once: a commit already built is served from
 * the {@link ArtifactStore}; otherwise it is checked out into a fresh workspace, built by its
 * configured or detected command without a shell, and its one runnable jar is stored.
 */
public class Builder {
    private static final Logger LOG = LoggerFactory.getLogger(Builder.class);

    private final ArtifactStore store;
    private final Path workspaces;
    private final Path mavenRepository;
    private final BuildEnvironment environment;
    private final BuildProcess process;
    private final BuildSlots slots;
    private final BuildConfinement confinement;
    private final Path caches;
    private final long diskBytes;

    /** Builds unsandboxed, as the server's user, with no disk cap: for tests of the build steps themselves. */
    public Builder(ArtifactStore store, DataDir dataDir, Path mavenRepository, int concurrency,
                   Map<String, String> serverEnv, ProcessFactory processes) {
        this(store, dataDir, mavenRepository, concurrency, serverEnv, processes,
                BuildConfinement.unsandboxed("builds are not sandboxed"), Long.MAX_VALUE);
    }

    /**
     * Deletes the workspaces a stopped server left behind, so build only one Builder per data dir.
     *
     * @param mavenRepository the Maven local repository all builds share
     * @param concurrency     how many apps may build at once
     * @param serverEnv       the server's environment; builds get only PATH and JAVA_HOME from it
     * @param confinement     sandboxed, unsandboxed or refused: see {@link SandboxCheck}
     * @param diskBytes       the most a build's workspace may hold
     */
    public Builder(ArtifactStore store, DataDir dataDir, Path mavenRepository, int concurrency,
                   Map<String, String> serverEnv, ProcessFactory processes, BuildConfinement confinement, long diskBytes) {
        this.store = store;
        this.confinement = confinement;
        this.caches = dataDir.buildCaches();
        this.diskBytes = diskBytes;
        this.workspaces = dataDir.workspaces();
        this.mavenRepository = mavenRepository;
        this.environment = new BuildEnvironment(mavenRepository, dataDir.gradleHome(), serverEnv);
        this.process = new BuildProcess(processes);
        this.slots = new BuildSlots(concurrency);
        Workspace.deleteLeftovers(workspaces);
    }

    /**
     * The artifact of {@code commit} (a full id) from the app's repository at {@code gitDir}.
     * Output lines go to {@code output} as they come, partly from another thread, never
     * concurrently. Blocks while another build of the same app runs or all slots are taken;
     * interrupting the calling thread cancels the build and kills its processes.
     *
     * @throws BuildFailure when there is no artifact; its message says why and what to do
     * @throws IllegalArgumentException when there is no such app or {@code commit} is not a full id
     */
    public Artifact build(BuildSpec spec, Path gitDir, String commit, Consumer<String> output) {
        if (!ObjectId.isId(commit)) {
            throw new IllegalArgumentException("a build needs a full commit id, got: " + commit);
        }
        BuildOutput out = new BuildOutput(output, spec.app());
        long appId = store.appId(spec.app());
        Optional<Artifact> built = reuse(spec.app(), appId, commit, out);
        if (built.isPresent()) {
            return built.get();
        }
        try {
            return buildInTurn(spec, appId, gitDir, commit, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("build cancelled before it started app={} commit={}", spec.app(), commit);
            throw new BuildFailure("the build was cancelled before it started", out.lastLines());
        }
    }

    /**
     * The process types of {@code commit}: its root {@code Procfile}, parsed; empty when it has none (the default web
     * process). Read from the repository, not a checkout, so it works for a reused artifact too.
     *
     * @throws BuildFailure naming the bad line, with what to fix
     */
    public Optional<Procfile> procfile(Path gitDir, String commit) {
        if (!ObjectId.isId(commit)) {
            throw new IllegalArgumentException("a build needs a full commit id, got: " + commit);
        }
        try {
            return GitCheckout.rootFile(gitDir, commit, "Procfile", Procfile.MAX_FILE_BYTES).map(Procfile::parse);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(e.getMessage() + ": fix the Procfile and push again", List.of());
        }
    }

    /**
     * The scheduled jobs of {@code commit}: the {@code cron} entries of its root {@code app.json}; none when it has no
     * app.json or no entries. Read from the repository like {@link #procfile}.
     *
     * @throws BuildFailure naming the bad entry, with what to fix
     */
    public CronTable cron(Path gitDir, String commit) {
        if (!ObjectId.isId(commit)) {
            throw new IllegalArgumentException("a build needs a full commit id, got: " + commit);
        }
        try {
            return GitCheckout.rootFile(gitDir, commit, "app.json", CronTable.MAX_FILE_BYTES).map(CronTable::parse).orElse(CronTable.NONE);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(e.getMessage() + ": fix app.json and push again", List.of());
        }
    }

    /**
     * Deletes the app's build caches once no build of it runs (waiting for one that does); returns the bytes freed.
     * The next build fills them again from the shared layer or the network.
     */
    public long clearCache(String app) throws InterruptedException {
        BuildSlots.Held turn = slots.appTurn(app, new BuildOutput(line -> {}, app));
        try {
            Path cache = caches.resolve(app);
            if (!java.nio.file.Files.isDirectory(cache, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return 0;
            }
            long bytes = Workspace.bytes(cache);
            Workspace.delete(cache);
            LOG.info("build cache cleared app={} bytes={}", app, bytes);
            return bytes;
        } finally {
            turn.release();
        }
    }

    private Artifact buildInTurn(BuildSpec spec, long appId, Path gitDir, String commit, BuildOutput out)
            throws InterruptedException {
        BuildSlots.Held turn = slots.appTurn(spec.app(), out);
        try {
            // The build we waited for may have been of this very commit.
            Optional<Artifact> built = reuse(spec.app(), appId, commit, out);
            if (built.isPresent()) {
                return built.get();
            }
            BuildSlots.Held slot = slots.buildSlot(out);
            try {
                return buildNow(spec, appId, gitDir, commit, out);
            } finally {
                slot.release();
            }
        } finally {
            turn.release();
        }
    }

    private Optional<Artifact> reuse(String app, long appId, String commit, BuildOutput out) {
        Optional<Artifact> built = store.forCommit(appId, commit);
        built.ifPresent(artifact -> {
            out.step("reusing artifact " + artifact.sha256() + " built from commit " + commit + " (no build needed)");
            LOG.info("build skipped, artifact reused app={} commit={} sha256={}", app, commit, artifact.sha256());
        });
        return built;
    }

    private Artifact buildNow(BuildSpec spec, long appId, Path gitDir, String commit, BuildOutput out) {
        String app = spec.app();
        if (confinement.refusal().isPresent()) {
            LOG.warn("build refused app={} commit={} reason={}", app, commit, confinement.refusal().get());
            throw new BuildFailure(confinement.refusal().get(), out.lastLines());
        }
        long started = System.nanoTime();
        try (Workspace workspace = Workspace.create(workspaces, app, commit)) {
            GitCheckout.export(gitDir, commit, workspace.source(), out);
            String buildId = UUID.randomUUID().toString();
            List<String> command;
            List<String> run;
            Map<String, String> env;
            if (confinement.sandbox().isPresent()) {
                Sandbox sandbox = confinement.sandbox().get();
                AppCache cache = new AppCache(caches.resolve(app));
                cache.prepareFor(sandbox);
                command = BuildCommand.choose(spec.buildCommand(), workspace.source(), Sandbox.MAVEN_REPOSITORY);
                env = environment.forSandbox(workspace.home(), buildId, sandbox.machine().sharedMaven().isPresent());
                workspace.prepareFor(sandbox, confinement.user());
                run = sandbox.wrap(command, workspace.root(), cache.dir());
            } else {
                command = BuildCommand.choose(spec.buildCommand(), workspace.source(), mavenRepository);
                env = environment.forBuild(workspace.home(), buildId);
                run = command;
            }
            out.step("building " + app + " at commit " + commit + " with: " + String.join(" ", command)
                    + (confinement.isSandboxed() ? " (sandboxed, as " + confinement.user() + ")" : ""));
            // Only the executable: a configured command's arguments are the operator's and may hold anything.
            LOG.info("build started app={} commit={} command={} sandboxed={}", app, commit, command.get(0),
                    confinement.isSandboxed());
            process.run(run, command.get(0), workspace.source(), env, spec.timeout(),
                    new BuildProcess.DiskCap(workspace::bytes, diskBytes), out, app);
            Path jar = RunnableJars.find(workspace.source(), spec.artifactPath(), out.lastLines());
            Artifact artifact = store.put(appId, commit, jar);
            out.step("artifact " + workspace.source().relativize(jar) + ": sha256 " + artifact.sha256()
                    + ", " + artifact.size() + " bytes");
            LOG.info("build succeeded app={} commit={} sha256={} size={} seconds={}", app, commit,
                    artifact.sha256(), artifact.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
            return artifact;
        } catch (BuildFailure e) {
            LOG.warn("build failed app={} commit={} reason={}", app, commit, e.getMessage());
            throw e;
        } catch (IllegalArgumentException e) {
            LOG.warn("build failed app={} commit={} reason={}", app, commit, e.getMessage());
            throw new BuildFailure(e.getMessage() + ": fix the app's build command", out.lastLines());
        } catch (UncheckedIOException e) {
            LOG.warn("build failed on the server app={} commit={} error={}", app, commit, e.getCause().toString());
            throw new BuildFailure(e.getMessage() + " (" + e.getCause().getMessage() + "): check the server's disk",
                    out.lastLines());
        }
    }
}
