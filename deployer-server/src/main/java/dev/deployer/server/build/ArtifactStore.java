package dev.deployer.server.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built jars, stored once by content under the data dir ({@code artifacts/ab/abcdef....jar}),
 * with a row per (app, commit) that built them. A jar's file goes when no row names it anymore.
 */
public class ArtifactStore {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ArtifactDao dao;
    private final Path root;
    private final Clock clock;
    /** Keeps a retention from deleting a file that a put of the same content is about to record. */
    private final Object files = new Object();

    public ArtifactStore(ArtifactDao dao, Path root, Clock clock) {
        this.dao = dao;
        this.root = root;
        this.clock = clock;
    }

    /** The id of the app named {@code app}; throws IllegalArgumentException when there is none. */
    public long appId(String app) {
        return dao.appId(app).orElseThrow(() -> new IllegalArgumentException("no app named " + app));
    }

    /** The jar an earlier build of {@code commit} produced for the app, if it is still in the store. */
    public Optional<Artifact> forCommit(long appId, String commit) {
        return dao.forCommit(appId, commit).flatMap(row -> file(row.sha256())
                .map(file -> new Artifact(row.sha256(), row.sizeBytes(), file, row.commitSha())));
    }

    public Optional<Artifact> forCommit(String app, String commit) {
        return dao.appId(app).flatMap(appId -> forCommit(appId, commit));
    }

    /** The stored file with this content hash, if there is one. */
    public Optional<Path> file(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path file = pathOf(sha256);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Copies {@code jar} into the store (once per content) and records that the app's {@code commit} built it. */
    public Artifact put(long appId, String commit, Path jar) {
        try {
            String sha256 = sha256(jar);
            long size = Files.size(jar);
            Path file = pathOf(sha256);
            synchronized (files) {
                if (!Files.isRegularFile(file)) {
                    Files.createDirectories(file.getParent());
                    // Copied beside the target, then renamed: a crash never leaves a partial jar under a valid hash.
                    Path tmp = Files.createTempFile(file.getParent(), ".incoming-", ".jar");
                    Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                }
                dao.record(appId, commit, sha256, size, clock.instant());
            }
            return new Artifact(sha256, size, file, commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the artifact " + jar + " in " + root, e);
        }
    }

    /**
     * Retention: forgets the app's artifacts whose hash is not in {@code keep}, and deletes each
     * file that no app's artifact names anymore. The deploy engine passes the releases it keeps.
     */
    public void retainOnly(long appId, Set<String> keep) {
        synchronized (files) {
            dao.forApp(appId).stream().map(ArtifactDao.ArtifactRow::sha256).distinct()
                    .filter(sha256 -> !keep.contains(sha256))
                    .forEach(sha256 -> {
                        dao.deleteBySha256(appId, sha256);
                        if (dao.countBySha256(sha256) == 0) {
                            deleteFile(sha256);
                        }
                    });
        }
    }

    public void retainOnly(String app, Set<String> keep) {
        retainOnly(appId(app), keep);
    }

    private void deleteFile(String sha256) {
        try {
            if (Files.deleteIfExists(pathOf(sha256))) {
                LOG.info("artifact deleted sha256={}", sha256);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete artifact sha256={} error={}", sha256, e.toString());
        }
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".jar");
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
