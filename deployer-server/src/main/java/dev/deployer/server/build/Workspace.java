package dev.deployer.server.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build's scratch space under the data dir's workspaces: the checked-out source and the
 * build's own home dir. Fresh for every build and deleted after it, so no build sees another's
 * files; caches that are worth keeping (the Maven repository) live elsewhere.
 */
final class Workspace implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    private final Path dir;

    private Workspace(Path dir) {
        this.dir = dir;
    }

    static Workspace create(Path workspaces, String app, String commit) {
        try {
            Files.createDirectories(workspaces);
            Path dir = Files.createTempDirectory(workspaces, app + "-" + commit.substring(0, 12) + "-");
            Files.createDirectory(dir.resolve("src"));
            Files.createDirectory(dir.resolve("home"));
            Files.createDirectory(dir.resolve("tmp"));
            return new Workspace(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a build workspace under " + workspaces, e);
        }
    }

    Path root() { return dir; }
    Path source() { return dir.resolve("src"); }
    Path home() { return dir.resolve("home"); }

    /**
     * Hands src, home and tmp to the build user (links themselves, never what they point to) and writes the
     * sandbox's passwd and group files, which stay the server's.
     */
    void prepareFor(Sandbox sandbox, String user) {
        try {
            Files.writeString(dir.resolve("passwd"), sandbox.passwd(user));
            Files.writeString(dir.resolve("group"), sandbox.group(user));
            for (String part : new String[] {"src", "home", "tmp"}) {
                Owners.giveTree(dir.resolve(part), sandbox.machine().uid(), sandbox.machine().gid());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build workspace " + dir + " for the sandbox", e);
        }
    }

    /** Bytes the workspace holds now, links not followed; files that vanish while counted count nothing. */
    long bytes() {
        return bytes(dir);
    }

    static long bytes(Path tree) {
        long[] total = {0};
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // counted what could be counted
        }
        return total[0];
    }

    @Override
    public void close() {
        delete(dir);
    }

    /** Workspaces of builds that a stopped server left behind; call only when no build runs. */
    static void deleteLeftovers(Path workspaces) {
        if (!Files.isDirectory(workspaces)) {
            return;
        }
        try (Stream<Path> leftovers = Files.list(workspaces)) {
            leftovers.forEach(leftover -> {
                LOG.info("deleting the workspace of an interrupted build path={}", leftover);
                delete(leftover);
            });
        } catch (IOException e) {
            LOG.warn("cannot list build workspaces path={} error={}", workspaces, e.toString());
        }
    }

    /** Deletes a tree without following links: a symlink in a repository must not point the delete elsewhere. */
    static void delete(Path tree) {
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    directory.toFile().setWritable(true, true); // a build may leave read-only dirs behind
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete build workspace path={} error={}: delete it by hand", tree, e.toString());
        }
    }
}
