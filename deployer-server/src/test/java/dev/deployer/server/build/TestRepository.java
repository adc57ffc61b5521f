package dev.deployer.server.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;

/** A git repository for build tests: files written, committed with JGit, its .git dir handed to the Builder. */
final class TestRepository implements AutoCloseable {
    private final Path workTree;
    private final Git git;

    private TestRepository(Path workTree, Git git) {
        this.workTree = workTree;
        this.git = git;
    }

    static TestRepository init(Path dir) {
        try {
            return new TestRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    Path gitDir() { return workTree.resolve(".git"); }
    Path workTree() { return workTree; }

    TestRepository write(String path, String content) {
        try {
            Path file = workTree.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestRepository copy(Path from, String to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && !from.relativize(file).startsWith("target")) {
                    Path target = workTree.resolve(to).resolve(from.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits every file in the work tree; returns the full commit id. */
    String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            RevCommit commit = git.commit().setMessage(message).setAuthor("test", "test@example.com")
                    .setCommitter("test", "test@example.com").setSign(false).call();
            return commit.name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points main back at {@code commit}: later commits stay in the object store, reachable from no ref (as in a push's pre-receive). */
    void resetMainTo(String commit) throws IOException {
        RefUpdate update = git.getRepository().updateRef("refs/heads/main");
        update.setNewObjectId(ObjectId.fromString(commit));
        update.setForceUpdate(true);
        update.update();
    }

    @Override
    public void close() {
        git.close();
    }
}
