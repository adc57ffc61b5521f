package dev.deployer.server.repos;

import dev.deployer.server.repos.AppRepositories;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.storage.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppRepositoriesTest {
    @TempDir
    Path temp;

    @Test
    void aWatchedRepositorysTagsAreFetchedSoATagCanBeDeployed() throws Exception {
        Path upstream = temp.resolve("upstream");
        AppRepositories repositories = new AppRepositories(DataDir.open(temp.resolve("data")));
        String tagged;
        try (Git git = Git.init().setInitialBranch("main").setDirectory(upstream.toFile()).call()) {
            Files.writeString(upstream.resolve("a.txt"), "1");
            git.add().addFilepattern(".").call();
            tagged = git.commit().setMessage("one").setAuthor("dev", "dev@example.test").setSign(false).call().name();
            repositories.fetch("shop", upstream.toUri().toString());
            // Tagged after the commit was fetched: git's tag auto-following would never bring it.
            git.tag().setName("v1.4.2").setAnnotated(true).setMessage("release").setSigned(false).call();
        }

        repositories.fetch("shop", upstream.toUri().toString());

        assertThat(repositories.resolve("shop", "v1.4.2")).contains(tagged);
    }

    @Test
    void firstUsesOfANewAppRacingEachOtherAllGetTheSameWholeRepository() throws Exception {
        AppRepositories repositories = new AppRepositories(DataDir.open(temp.resolve("data")));
        ExecutorService pushes = Executors.newFixedThreadPool(8);
        List<Future<Path>> made = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            made.add(pushes.submit(() -> repositories.ensure("shop")));
        }
        for (Future<Path> future : made) {
            assertThat(future.get()).isEqualTo(repositories.gitDir("shop"));
        }
        pushes.shutdown();
        assertThat(repositories.gitDir("shop").resolve("refs")).isDirectory();
        try (var siblings = Files.list(repositories.gitDir("shop").getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("shop.git");
        }
    }
}
