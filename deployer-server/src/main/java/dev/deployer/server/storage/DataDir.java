package dev.deployer.server.storage;

import dev.deployer.server.settings.StartupException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's state on disk. Every location under the data dir is named here, once, so that
 * backing up or inspecting the server needs only this file.
 */
public final class DataDir {
    private final Path root;

    private DataDir(Path root) {
        this.root = root;
    }

    /** Creates the data dir (0700) when missing and proves it writable, or stops the start. */
    public static DataDir open(Path root) {
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            }
            Path probe = Files.createTempFile(root, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupException("The data dir " + root + " is not writable (" + e.getClass().getSimpleName()
                    + "): set DEPLOYER_DATA_DIR to a directory this user can write, or fix its permissions.");
        }
        return new DataDir(root);
    }

    public Path root() { return root; }
    public Path database() { return root.resolve("db").resolve("deployer"); }
    public Path masterKey() { return root.resolve("master.key"); }
    public Path adminToken() { return root.resolve("admin-token"); }
    public Path sshPrivateKey() { return root.resolve("ssh").resolve("id_ed25519"); }
    public Path sshPublicKey() { return root.resolve("ssh").resolve("id_ed25519.pub"); }
    public Path artifacts() { return root.resolve("artifacts"); }
    public Path repositories() { return root.resolve("repos"); }
    public Path workspaces() { return root.resolve("workspaces"); }
    public Path mavenRepository() { return root.resolve("m2").resolve("repository"); }
    public Path gradleHome() { return root.resolve("gradle"); }
    /** Sandboxed builds' caches, one dir per app (Maven repository, wrapper downloads, Gradle home). */
    public Path buildCaches() { return root.resolve("build-cache"); }

    /**
     * This server's name as an owner of deployments and app locks (see V7), made once: a restart with the same data
     * dir is the same server, so what its earlier life held is known to be free.
     */
    public String instanceId() {
        Path file = root.resolve("instance-id");
        try {
            if (!Files.exists(file)) {
                writePrivate(file, "server-" + java.util.UUID.randomUUID() + "\n");
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StartupException("Cannot read or write " + file + " (" + e.getMessage()
                    + "): fix the data dir's permissions or remove the file.");
        }
    }

    /** True when the dir can still be written: the admin health check. */
    public boolean writable() {
        return Files.isDirectory(root) && Files.isWritable(root);
    }

    /** Writes a file only its owner can read, atomically: no moment where it exists with wider rights. */
    public static void writePrivate(Path file, String content) throws IOException {
        writeAtomically(file, content, "rw-------");
    }

    /**
     * A temp file beside {@code file}, created with {@code mode} before any byte is written, synced, then
     * renamed over {@code file}: readers see the old content or the whole new one, never a part.
     */
    public static void writeAtomically(Path file, String content, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
