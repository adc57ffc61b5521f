package dev.deployer.server.repos;

import dev.deployer.server.apps.RepoUrls;
import dev.deployer.server.storage.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    /** Connect and read timeout of a fetch (JGit's transport timeout): a silent remote fails the poll instead of holding it. */
    static final int FETCH_TIMEOUT_SECONDS = 30;

    private final DataDir dataDir;

    public AppRepositories(DataDir dataDir) {
        this.dataDir = dataDir;
    }

    public Path gitDir(String app) {
        return dataDir.repositories().resolve(app + ".git");
    }

    /**
     * The app's repository, created bare with {@code main} as its initial branch when missing. Made beside its
     * place and renamed in, under a lock: the first pushes to a new app racing each other all find it whole.
     */
    public synchronized Path ensure(String app) {
        Path dir = gitDir(app);
        if (Files.isDirectory(dir.resolve("objects"))) {
            return dir;
        }
        Path fresh = dir.resolveSibling(dir.getFileName() + ".new-" + Long.toHexString(System.nanoTime()));
        try {
            Files.createDirectories(dir.getParent());
            Git.init().setBare(true).setInitialBranch("main").setDirectory(fresh.toFile()).call().close();
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create the repository " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Fetches the app's remote branches and tags into its repository (apps with a repo URL), so `--ref v1.4.2` works. */
    public void fetch(String app, String repoUrl) {
        try (Git git = Git.open(ensure(app).toFile())) {
            git.fetch().setRemote(repoUrl).setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"),
                    new RefSpec("+refs/tags/*:refs/tags/*")).setRemoveDeletedRefs(false).setTimeout(FETCH_TIMEOUT_SECONDS).call();
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
