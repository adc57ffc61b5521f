package dev.deployer.server.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * Writes the files of one commit into an empty directory, read straight from the app's
 * repository by object id. Not a clone: during a git push the pushed commit is in the object
 * store before any ref points to it, and a clone would only see what refs reach.
 */
final class GitCheckout {
    private GitCheckout() {}

    /** Writes {@code commit}'s tree into {@code target}; submodules are not checked out and say so on {@code output}. */
    static void export(Path gitDir, String commit, Path target, BuildOutput output) {
        if (!ObjectId.isId(commit)) {
            throw new IllegalArgumentException("not a full commit id: " + commit);
        }
        try (Repository repository = open(gitDir);
             RevWalk walk = new RevWalk(repository);
             TreeWalk tree = new TreeWalk(repository)) {
            RevCommit revCommit = walk.parseCommit(ObjectId.fromString(commit));
            tree.addTree(revCommit.getTree());
            tree.setRecursive(true);
            ObjectReader reader = tree.getObjectReader();
            while (tree.next()) {
                Path file = inside(target, tree.getPathString(), commit);
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    output.step("submodule " + tree.getPathString() + " is not checked out: builds see only the app's own repository");
                    continue;
                }
                Files.createDirectories(file.getParent());
                if (mode == FileMode.SYMLINK) {
                    byte[] linkTarget = reader.open(tree.getObjectId(0)).getCachedBytes();
                    Files.createSymbolicLink(file, Path.of(new String(linkTarget, StandardCharsets.UTF_8)));
                } else {
                    // CREATE_NEW: an entry written twice (a crafted tree) must not open what the first one made.
                    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        reader.open(tree.getObjectId(0)).copyTo(out); // streamed: blobs may be large
                    }
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        file.toFile().setExecutable(true);
                    }
                }
            }
        } catch (MissingObjectException e) {
            throw new BuildFailure("commit " + commit + " is not in the app's repository: push it first", List.of());
        } catch (IOException e) {
            throw new BuildFailure("cannot check out commit " + commit + " (" + e.getMessage() + ")", List.of());
        }
    }

    /**
     * Where {@code path} goes under {@code target}, refusing an entry that would land outside it: {@code ..}, an
     * absolute path, an empty or {@code .} part, or a path through a symlink the tree itself made earlier.
     */
    static Path inside(Path target, String path, String commit) {
        String refused = "commit " + commit.substring(0, 12) + " holds the path " + path + ", ";
        if (path.startsWith("/") || path.contains("\0")) {
            throw new BuildFailure(refused + "which is absolute: builds check out only paths inside the tree", List.of());
        }
        Path file = target;
        String[] parts = path.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new BuildFailure(refused + "which has a '" + part + "' part: builds check out only paths inside the tree",
                        List.of());
            }
            file = file.resolve(part);
            if (i < parts.length - 1 && Files.isSymbolicLink(file)) {
                throw new BuildFailure(refused + "which goes through the symlink " + target.relativize(file)
                        + " the tree itself makes: builds refuse paths through links", List.of());
            }
        }
        if (!file.normalize().startsWith(target) || file.equals(target)) {
            throw new BuildFailure(refused + "which is outside its tree", List.of());
        }
        return file;
    }

    /** Accepts a bare repository, a .git dir, or a working tree holding one. */
    /**
     * The text of the regular file {@code name} at the root of {@code commit}'s tree, when there is one, read without a
     * checkout (so a reused artifact still gets its commit's file); throws IllegalArgumentException past {@code maxBytes}.
     */
    static java.util.Optional<String> rootFile(Path gitDir, String commit, String name, int maxBytes) {
        try (Repository repository = open(gitDir);
             RevWalk walk = new RevWalk(repository)) {
            RevCommit revCommit = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk tree = TreeWalk.forPath(repository, name, revCommit.getTree())) {
                if (tree == null || (tree.getFileMode(0) != FileMode.REGULAR_FILE && tree.getFileMode(0) != FileMode.EXECUTABLE_FILE)) {
                    return java.util.Optional.empty();
                }
                org.eclipse.jgit.lib.ObjectLoader blob = tree.getObjectReader().open(tree.getObjectId(0));
                if (blob.getSize() > maxBytes) {
                    throw new IllegalArgumentException(name + " is " + blob.getSize() + " bytes; at most " + maxBytes + " are read");
                }
                return java.util.Optional.of(new String(blob.getCachedBytes(maxBytes), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read " + name + " of commit " + commit, e);
        }
    }

    private static Repository open(Path gitDir) throws IOException {
        java.io.File resolved = RepositoryCache.FileKey.resolve(gitDir.toFile(), FS.DETECTED);
        if (resolved == null) {
            throw new IOException("no git repository at " + gitDir);
        }
        return new FileRepositoryBuilder().setGitDir(resolved).setMustExist(true).build();
    }
}
