package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.DeltaCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.UploadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a release jar to a host that holds an earlier release's jar as a zstd patch against it: the patch is uploaded
 * beside the target (checked by sha256 like every upload), the jar rebuilt on the host into a temp file, its sha256
 * checked, then renamed into place. Any failure on the way removes the temp files and sends the whole jar instead;
 * the event says which happened and why.
 */
public class DeltaTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaTransfer.class);
    private static final Duration REBUILD_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern RELEASE_JAR = Pattern.compile("/releases/v([1-9][0-9]{0,8})/app\\.jar$");
    private static final Pattern SHA256 = Pattern.compile("^\\\\?([0-9a-f]{64})\\s");

    /** A release jar the host listed: its sha256 and path; {@code summed} when read from its sum file, not hashed now. */
    public record JarOnHost(String sha256, String path, boolean summed) {}

    private record Base(int version, String hostPath, Path serverFile, String sha256) {}

    private final HostAccess ssh;
    private final ArtifactStore artifacts;
    private final JarPatches patches;
    private final SecureRandom random = new SecureRandom();

    public DeltaTransfer(HostAccess ssh, ArtifactStore artifacts, JarPatches patches) {
        this.ssh = ssh;
        this.artifacts = artifacts;
        this.patches = patches;
    }

    /**
     * Puts {@code artifact} at {@code target}: as a patch when the host holds an earlier release the server still has.
     * The value is the bytes sent.
     */
    StepResult<Long> place(HostTarget host, App app, Release release, Path artifact, String target, List<JarOnHost> onHost) {
        long jarBytes = size(artifact);
        Optional<Base> base = newestBase(app, target, onHost);
        if (base.isEmpty()) {
            return full(host, release, artifact, target, onHost.isEmpty() ? "no earlier release on host"
                    : "no earlier release on host whose jar the server still keeps");
        }
        Base from = base.get();
        JarPatches.Outcome outcome = patches.between(from.serverFile(), from.sha256(), artifact, release.artifactSha256());
        if (!outcome.made()) {
            return full(host, release, artifact, target, "no patch against v" + from.version() + ": " + outcome.whyNot());
        }
        try {
            long sent = sendPatch(host, release, from, outcome.patch(), target);
            return new StepResult<>(sent, "patch of " + Sizes.bytes(sent) + " against v" + from.version() + " ("
                    + Sizes.share(sent, jarBytes) + " of " + Sizes.bytes(jarBytes) + "), sha256 verified on host");
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("patch failed host={} app={} release={} base=v{}: {}; sending the whole jar", host.name(), app.name(),
                    release.label(), from.version(), why);
            return full(host, release, artifact, target, "the patch against v" + from.version() + " failed on host: " + why
                    + "; the whole jar was sent instead");
        }
    }

    /**
     * What {@link #place} would send, without making a patch or touching the host: the release it would patch against
     * and the patch's size when that patch was made before (empty bytes: known once made); empty: the whole jar.
     */
    Optional<PlannedPatch> planned(App app, String target, String targetSha, List<JarOnHost> onHost) {
        return newestBase(app, target, onHost).map(base -> new PlannedPatch(base.version(),
                patches.known(base.sha256(), targetSha).map(outcome -> outcome.made() ? outcome.patch().bytes() : -1L)));
    }

    /** A patch a deploy would make against release {@code base}: its bytes if made before, -1 if made and refused (whole jar). */
    record PlannedPatch(int base, Optional<Long> bytes) {}

    /** The whole jar, as every upload goes: temp name, sha256 on the host, rename. The value is the bytes sent. */
    static StepResult<Long> full(HostAccess ssh, HostTarget host, Release release, Path artifact, String target, String why) {
        UploadResult upload = ssh.upload(host, "artifact", artifact, target, release.artifactSha256());
        if (upload.skipped()) {
            return new StepResult<>(0L, "already on host, nothing uploaded");
        }
        return new StepResult<>(upload.bytesSent(), "uploaded " + Sizes.bytes(upload.bytesSent()) + (why == null ? "" : " (" + why + ")")
                + ", sha256 verified on host");
    }

    private StepResult<Long> full(HostTarget host, Release release, Path artifact, String target, String why) {
        return full(ssh, host, release, artifact, target, why);
    }

    private long sendPatch(HostTarget host, Release release, Base from, JarPatches.Patch patch, String target) {
        String suffix = suffix();
        String patchPath = DeltaCommands.patchPath(target, suffix);
        String rebuilt = DeltaCommands.rebuiltPath(target, suffix);
        try {
            UploadResult upload = ssh.upload(host, "artifact", patch.file(), patchPath, patch.sha256());
            CommandResult rebuild = ssh.run(host, "artifact", DeltaCommands.rebuildAndHash(from.hostPath(), patchPath, rebuilt,
                    patch.windowLog()).privileged(host.root()), REBUILD_TIMEOUT);
            String arrived = rebuild.stdout().lines().map(SHA256::matcher).filter(Matcher::find).map(m -> m.group(1))
                    .reduce((first, last) -> last).orElse("nothing");
            if (!arrived.equals(release.artifactSha256().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("the rebuilt jar has sha256 " + arrived + ", not " + release.artifactSha256());
            }
            ssh.run(host, "artifact", DeltaCommands.publish(rebuilt, target, patchPath).privileged(host.root()), STEP_TIMEOUT);
            return upload.bytesSent();
        } catch (RuntimeException e) {
            try {
                ssh.runAllowingFailure(host, "artifact (cleanup)", DeltaCommands.cleanUp(patchPath, rebuilt).privileged(host.root()),
                        STEP_TIMEOUT);
            } catch (RuntimeException ignored) {
                // unreachable host: the temp names are unique and never become app.jar
            }
            throw e;
        }
    }

    /** The newest release jar on the host, other than the target, whose artifact the server's store still holds. */
    private Optional<Base> newestBase(App app, String target, List<JarOnHost> onHost) {
        HostLayout layout = new HostLayout(app.name());
        return onHost.stream()
                .filter(jar -> !jar.path().equals(target))
                .map(jar -> {
                    Matcher m = RELEASE_JAR.matcher(jar.path());
                    if (!m.find()) {
                        return null;
                    }
                    int version = Integer.parseInt(m.group(1));
                    // The path handed to zstd is rebuilt from the layout, never taken from what the host printed.
                    String path = layout.releaseJar(version);
                    return !path.equals(jar.path()) ? null : artifacts.file(jar.sha256())
                            .map(file -> new Base(version, path, file, jar.sha256())).orElse(null);
                })
                .filter(java.util.Objects::nonNull)
                .max(Comparator.comparingInt(Base::version));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the artifact " + file + ": " + e.getMessage(), e);
        }
    }

    private String suffix() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
