package dev.deployer.server.ssh;

import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.HostTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files land on a host under a temp name beside the target and are renamed into place only when
 * complete (and, for uploads, when the host computed the expected sha256): the final name never
 * holds a partial file.
 */
final class RemoteFiles {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteFiles.class);
    private static final int UPLOAD_ATTEMPTS = 3;
    private static final List<RemoteFailure.Kind> RETRIED = List.of(RemoteFailure.Kind.CONNECTION_LOST, RemoteFailure.Kind.UPLOAD_CORRUPTED);
    private static final List<RemoteFailure.Kind> UNREACHED = List.of(RemoteFailure.Kind.LINK_LOST, RemoteFailure.Kind.UNREACHABLE);

    private final SshHosts ssh;
    private final SshLimits limits;
    private final SecureRandom random = new SecureRandom();

    RemoteFiles(SshHosts ssh, SshLimits limits) {
        this.ssh = ssh;
        this.limits = limits;
    }

    void write(HostTarget host, String step, String path, byte[] content, String mode, String owner) {
        String tmp = HostCommands.tempBeside(path, suffix());
        RemoteCommand steps = HostCommands.createEmpty(tmp, "600").then(HostCommands.writeStdinTo(tmp));
        if (owner != null) {
            steps = steps.then(HostCommands.chown(owner, tmp));
        }
        steps = steps.then(HostCommands.chmod(mode, tmp)).then(HostCommands.moveReplacing(tmp, path));
        try {
            ssh.execute(host, step, steps.privileged(host.root()), new ByteArrayInputStream(content), limits.commandTimeout(), false);
        } catch (RemoteFailure failure) {
            removeQuietly(host, step, tmp, failure);
            throw failure;
        }
    }

    UploadResult upload(HostTarget host, String step, Path localFile, String remotePath, String sha256) {
        String expected = sha256.toLowerCase(Locale.ROOT);
        if (expected.equals(remoteSha256(host, step, remotePath))) {
            LOG.info("upload skipped host={} path={}: already holds sha256 {}", host.name(), remotePath, expected);
            return new UploadResult(true, 0);
        }
        for (int attempt = 1; ; attempt++) {
            String tmp = HostCommands.tempBeside(remotePath, suffix());
            try {
                long bytes = sendVerified(host, step, localFile, tmp, expected);
                ssh.execute(host, step, HostCommands.moveReplacing(tmp, remotePath).privileged(host.root()), null,
                        limits.commandTimeout(), false);
                LOG.info("uploaded host={} path={} bytes={} sha256={} attempt={}", host.name(), remotePath, bytes, expected, attempt);
                return new UploadResult(false, bytes);
            } catch (RuntimeException e) {
                removeQuietly(host, step, tmp, e);
                if (!(e instanceof RemoteFailure failure) || attempt >= UPLOAD_ATTEMPTS || !RETRIED.contains(failure.kind())) {
                    throw e;
                }
                LOG.warn("upload interrupted host={} path={} attempt={} ({}): retrying", host.name(), remotePath, attempt,
                        failure.getMessage());
                pause(attempt);
            }
        }
    }

    /** Sends into {@code tmp} (0644 from its first moment) and checks the host's sha256 of what arrived. */
    private long sendVerified(HostTarget host, String step, Path localFile, String tmp, String expected) {
        MessageDigest digest = sha256();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(localFile), digest)) {
            size = Files.size(localFile);
            RemoteCommand receive = HostCommands.createEmpty(tmp, "644").then(HostCommands.writeStdinTo(tmp));
            ssh.execute(host, step, receive.privileged(host.root()), in, limits.uploadTimeout(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + localFile + " for upload: " + e.getMessage(), e);
        }
        String sent = HexFormat.of().formatHex(digest.digest());
        if (!sent.equals(expected)) {
            // The local copy is not what the caller believes it is: retrying would send the same wrong bytes.
            throw new IllegalStateException("local file " + localFile + " has sha256 " + sent + ", not the expected " + expected);
        }
        String arrived = remoteSha256(host, step, tmp);
        if (!expected.equals(arrived)) {
            throw new RemoteFailure(RemoteFailure.Kind.UPLOAD_CORRUPTED, host.name(), step, -1, "upload to host " + host.name()
                    + " arrived with sha256 " + arrived + " instead of " + expected + "; the partial file was removed", null);
        }
        return size;
    }

    /** The sha256 of a remote file, or null when it is missing or unreadable. */
    private String remoteSha256(HostTarget host, String step, String path) {
        CommandResult result = ssh.execute(host, step, HostCommands.sha256sum(path).privileged(host.root()), null,
                limits.commandTimeout(), true);
        String out = result.stdout().startsWith("\\") ? result.stdout().substring(1) : result.stdout();
        return result.ok() && out.length() >= 64 ? out.substring(0, 64).toLowerCase(Locale.ROOT) : null;
    }

    /** Nothing to clean up on a host that cannot be reached: the temp name is unique and never becomes the final name. */
    private void removeQuietly(HostTarget host, String step, String tmp, RuntimeException cause) {
        if (cause instanceof RemoteFailure failure && UNREACHED.contains(failure.kind())) {
            return;
        }
        try {
            ssh.execute(host, step + " (cleanup)", HostCommands.removeFile(tmp).privileged(host.root()), null,
                    limits.commandTimeout(), true);
        } catch (RemoteFailure ignored) {
            // the host is unreachable: the temp name is unique and never becomes the final name
        }
    }

    private String suffix() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Duration.ofSeconds(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
