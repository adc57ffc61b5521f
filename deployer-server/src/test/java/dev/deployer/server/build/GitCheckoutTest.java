package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted trees (the kind a hostile client can send when object checks are off) never write outside the workspace. */
class GitCheckoutTest {
    @TempDir
    Path tempDir;

    @Test
    void aPathThroughASymlinkTheTreeMakesIsRefusedNamingThePathAndNothingIsWrittenOutside() throws Exception {
        Path outside = Files.createDirectories(tempDir.resolve("outside"));
        try (Repository repo = bare()) {
            ObjectInserter in = repo.newObjectInserter();
            TreeFormatter inner = new TreeFormatter();
            inner.append("x", FileMode.REGULAR_FILE, blob(in, "pwned"));
            TreeFormatter root = new TreeFormatter();
            root.append("a", FileMode.SYMLINK, blob(in, outside.toString()));
            root.append("a", FileMode.TREE, in.insert(inner));
            String commit = commit(in, root);

            assertThatThrownBy(() -> GitCheckout.export(repo.getDirectory().toPath(), commit, workspace(), output()))
                    .isInstanceOf(BuildFailure.class)
                    .hasMessageContaining("holds the path a/x, which goes through the symlink a the tree itself makes");
        }
        assertThat(outside.resolve("x")).doesNotExist();
    }

    @Test
    void dotDotAndEmptyPartsAreRefused() {
        Path target = tempDir.resolve("ws");
        String commit = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> GitCheckout.inside(target, "src/../../etc/passwd", commit))
                .hasMessage("commit 0123456789ab holds the path src/../../etc/passwd, which has a '..' part: "
                        + "builds check out only paths inside the tree");
        assertThatThrownBy(() -> GitCheckout.inside(target, "/etc/passwd", commit)).hasMessageContaining("which is absolute");
        assertThatThrownBy(() -> GitCheckout.inside(target, "a//b", commit)).hasMessageContaining("which has a '' part");
        assertThat(GitCheckout.inside(target, "src/main/A.java", commit)).isEqualTo(target.resolve("src/main/A.java"));
    }

    private Repository bare() throws Exception {
        Repository repo = new FileRepositoryBuilder().setGitDir(tempDir.resolve("repo.git").toFile()).setBare().build();
        repo.create(true);
        return repo;
    }

    private Path workspace() throws Exception {
        return Files.createDirectories(tempDir.resolve("ws"));
    }

    private static BuildOutput output() {
        return new BuildOutput(line -> {}, "app");
    }

    private static ObjectId blob(ObjectInserter in, String text) throws Exception {
        return in.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String commit(ObjectInserter in, TreeFormatter tree) throws Exception {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(in.insert(tree));
        PersonIdent who = new PersonIdent("t", "t@example.test");
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage("crafted");
        ObjectId id = in.insert(commit);
        in.flush();
        return id.name();
    }
}
