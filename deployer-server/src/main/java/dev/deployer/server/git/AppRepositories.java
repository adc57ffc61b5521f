package dev.deployer.server.git;

import dev.deployer.server.apps.RepoUrls;
import dev.deployer.server.storage.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Each app's bare repository on the server, {@code data/repos/APP.git}: what {@code git push}
 * writes, what a watched repo URL is fetched into, and what builds check out.
 */
public class AppRepositories {
    private final DataDir dataDir;

    public AppRepositories(DataDir dataDir) {
        this.dataDir = dataDir;
    }

    public Path gitDir(String app) {
        return dataDir.repositories().resolve(app + ".git");
    }

    /** The app's repository, created bare with {@code main} as its initial branch when missing. */
    public Path ensure(String app) {
        Path dir = gitDir(app);
        if (Files.isDirectory(dir.resolve("objects"))) {
            return dir;
        }
        try {
            Files.createDirectories(dir.getParent());
            Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call().close();
            return dir;
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create the repository " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Fetches the app's remote branches into its repository (apps with a repo URL). */
    public void fetch(String app, String repoUrl) {
        try (Git git = Git.open(ensure(app).toFile())) {
            git.fetch().setRemote(repoUrl).setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).setRemoveDeletedRefs(false).call();
        } catch (GitAPIException | IOException e) {
            // Shown in events and logs: the URL's credentials masked, and no cause whose message could still hold them.
            throw new IllegalStateException(RepoUrls.maskedIn("fetching " + repoUrl + " failed: " + e.getMessage(), repoUrl));
        }
    }

    /** The commit a ref names (branch, tag or commit id), or empty when the repository has no such ref. */
    public java.util.Optional<String> resolve(String app, String ref) {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(ensure(app).toFile()).setMustExist(true).build()) {
            ObjectId id = repository.resolve(ref + "^{commit}");
            return java.util.Optional.ofNullable(id).map(ObjectId::name);
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
