package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.DeltaCommands;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteFailure;
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
    /** The whole jar's time limit: the same as any upload's (the host taking no bytes for a while ends it sooner). */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);
    /** A jar under this goes whole: sending it takes less than making a patch would. */
    static final long SMALL_JAR = 1024 * 1024;
    /** Temp-name suffixes of the whole-jar path (static: it serves the server without delta transfer too). */
    private static final SecureRandom SUFFIXES = new SecureRandom();
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

    /** What {@link #place} did: the bytes sent and its message; {@code summed} when the sum file was written with the jar. */
    record Placed(StepResult<Long> result, boolean summed) {}

    /**
     * Puts {@code artifact} at {@code target}: as a patch when the host holds an earlier release the server still has,
     * and then with its sum file {@code sum} in the same round trip; otherwise whole (the caller writes the sum file).
     */
    Placed place(HostTarget host, App app, Release release, Path artifact, String target, String sum, List<JarOnHost> onHost) {
        long jarBytes = size(artifact);
        if (jarBytes < SMALL_JAR) {
            return full(ssh, host, release, artifact, target, sum, "under " + Sizes.bytes(SMALL_JAR) + ": sent whole, no patch made");
        }
        Optional<Base> base = newestBase(app, target, onHost);
        if (base.isEmpty()) {
            return full(ssh, host, release, artifact, target, sum, onHost.isEmpty() ? "no earlier release on host"
                    : "no earlier release on host whose jar the server still keeps");
        }
        Base from = base.get();
        JarPatches.Outcome outcome = patches.between(from.serverFile(), from.sha256(), artifact, release.artifactSha256());
        if (!outcome.made()) {
            return full(ssh, host, release, artifact, target, sum, "no patch against v" + from.version() + ": " + outcome.whyNot());
        }
        try {
            long sent = sendPatch(host, release, from, outcome.patch(), target, sum);
            return new Placed(new StepResult<>(sent, "patch of " + Sizes.bytes(sent) + " against v" + from.version() + " ("
                    + Sizes.share(sent, jarBytes) + " of " + Sizes.bytes(jarBytes) + "), sha256 verified on host"), true);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("patch failed host={} app={} release={} base=v{}: {}; sending the whole jar", host.name(), app.name(),
                    release.label(), from.version(), why);
            return full(ssh, host, release, artifact, target, sum, "the patch against v" + from.version() + " failed on host: " + why
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

    /**
     * The whole jar, in two round trips: streamed into a temp name and hashed there; renamed into place with its sum file
     * only when that hash is the release's. When that fails (a dropped connection, damaged bytes), the careful upload
     * takes over: the host's copy checked first, the local file hashed while sent, a broken connection retried. The
     * caller knows from the host's listing that {@code target} does not hold the jar.
     */
    static Placed full(HostAccess ssh, HostTarget host, Release release, Path artifact, String target, String sum, String why) {
        String tmp = HostCommands.tempBeside(target, suffix(SUFFIXES));
        String said = why == null ? "" : " (" + why + ")";
        try {
            CommandResult received = ssh.run(host, "artifact", DeltaCommands.receiveAndHash(tmp).privileged(host.root()), artifact,
                    UPLOAD_TIMEOUT);
            String arrived = printedSha256(received);
            if (!arrived.equals(release.artifactSha256().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("the jar arrived with sha256 " + arrived + " instead of " + release.artifactSha256());
            }
            ssh.run(host, "artifact", HostCommands.moveReplacing(tmp, target).then(ReleaseCommands.writeSumFromStdin(sum,
                    suffix(SUFFIXES))).privileged(host.root()), HostRollout.sumLine(release), STEP_TIMEOUT);
            long bytes = size(artifact);
            return new Placed(new StepResult<>(bytes, "uploaded " + Sizes.bytes(bytes) + said + ", sha256 verified on host"), true);
        } catch (RuntimeException e) {
            try {
                ssh.runAllowingFailure(host, "artifact (cleanup)", HostCommands.removeFile(tmp).privileged(host.root()), STEP_TIMEOUT);
            } catch (RuntimeException ignored) {
                // unreachable host: the temp name is unique and never becomes app.jar
            }
            if (e instanceof RemoteFailure failure && (failure.kind() == RemoteFailure.Kind.UNREACHABLE
                    || failure.kind() == RemoteFailure.Kind.LINK_LOST)) {
                throw e;
            }
            LOG.warn("upload host={} release={} failed ({}): sending again the careful way", host.name(), release.label(), e.getMessage());
            UploadResult upload = ssh.upload(host, "artifact", artifact, target, release.artifactSha256());
            return new Placed(new StepResult<>(upload.bytesSent(), (upload.skipped() ? "already on host, nothing uploaded"
                    : "uploaded " + Sizes.bytes(upload.bytesSent()) + said) + ", sha256 verified on host"), false);
        }
    }

    /**
     * Two round trips: the patch streamed into a temp file, the jar rebuilt from it and hashed; then, only when that hash
     * is the release's, the jar renamed into place, its sum file written and the patch removed. The patch itself is not
     * hashed apart: a patch that arrived damaged cannot rebuild a jar with the release's sha256.
     */
    private long sendPatch(HostTarget host, Release release, Base from, JarPatches.Patch patch, String target, String sum) {
        String suffix = suffix();
        String patchPath = DeltaCommands.patchPath(target, suffix);
        String rebuilt = DeltaCommands.rebuiltPath(target, suffix);
        try {
            CommandResult rebuild = ssh.run(host, "artifact", DeltaCommands.receiveRebuildAndHash(from.hostPath(), patchPath, rebuilt,
                    patch.windowLog()).privileged(host.root()), patch.file(), REBUILD_TIMEOUT);
            String arrived = printedSha256(rebuild);
            if (!arrived.equals(release.artifactSha256().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("the rebuilt jar has sha256 " + arrived + ", not " + release.artifactSha256());
            }
            ssh.run(host, "artifact", DeltaCommands.publish(rebuilt, target, patchPath)
                    .then(ReleaseCommands.writeSumFromStdin(sum, suffix())).privileged(host.root()), HostRollout.sumLine(release),
                    STEP_TIMEOUT);
            return patch.bytes();
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

    /** The sha256 the command's last {@code sha256sum} printed ("nothing" when it printed none). */
    private static String printedSha256(CommandResult result) {
        return result.stdout().lines().map(SHA256::matcher).filter(Matcher::find).map(m -> m.group(1))
                .reduce((first, last) -> last).orElse("nothing");
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
        return suffix(random);
    }

    private static String suffix(SecureRandom random) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
