package dev.deployer.server.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {
    // Built from parts, so that this source file is not itself a finding of any scanner.
    static final String KEY_HEADER = "-----BEGIN " + "OPENSSH PRIVATE" + " KEY-----";
    static final String AWS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";
    static final String GITHUB_TOKEN = "ghp_" + "a".repeat(36);
    static final String GITLAB_TOKEN = "glpat-" + "b1c2d3e4f5g6h7i8j9k0";

    @TempDir
    Path dir;

    @Test
    void findsKeysEnvFilesAndTokenShapesNamingFileLineAndKindButNeverTheValue() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            write("README.md", "nothing here\n");
            RevCommit first = commit(git, "first");
            write("deploy/id_ed25519", KEY_HEADER + "\nAAAA\n");
            write("src/main/resources/app.properties", "a=1\naws.key=" + AWS_KEY_ID + "\n");
            write(".env", "PASSWORD=hunter2\n");
            write(".env.example", "PASSWORD=\n");
            write("ci.yml", "x: 1\ny: 2\ntoken: " + GITHUB_TOKEN + "\ngl: " + GITLAB_TOKEN + "\n");
            ObjectId pushed = commit(git, "oops");
            // As during a push: the new commits are stored, the branch still points at what it had.
            moveMain(git, first);

            List<SecretScan.Finding> findings = SecretScan.scan(git.getRepository(), pushed);

            assertThat(findings).extracting(f -> f.path() + ":" + f.line() + ":" + f.kind()).containsExactlyInAnyOrder(
                    ".env:0:a .env file", "ci.yml:3:GitHub token", "ci.yml:4:GitLab token",
                    "deploy/id_ed25519:1:private key", "src/main/resources/app.properties:2:AWS access key id");
            assertThat(findings).allSatisfy(f -> assertThat(f.describe())
                    .doesNotContain(AWS_KEY_ID, GITHUB_TOKEN, GITLAB_TOKEN, "hunter2", "AAAA"));
        }
    }

    @Test
    void commitsThatABranchAlreadyReachesAreNotScannedAgain() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            write(".env", "A=1\n");
            RevCommit old = commit(git, "old secret, already pushed");
            write("README.md", "hi\n");
            ObjectId pushed = commit(git, "clean");
            moveMain(git, old);

            assertThat(SecretScan.scan(git.getRepository(), pushed)).isEmpty();
        }
    }

    @Test
    void envTemplatesAreNotSecrets() {
        assertThat(SecretScan.isEnvFile("config/.env")).isTrue();
        assertThat(SecretScan.isEnvFile(".env.production")).isTrue();
        assertThat(SecretScan.isEnvFile(".env.example")).isFalse();
        assertThat(SecretScan.isEnvFile("environment.md")).isFalse();
    }

    private static void moveMain(Git git, ObjectId to) throws Exception {
        org.eclipse.jgit.lib.RefUpdate update = git.getRepository().getRefDatabase().newUpdate("refs/heads/main", false);
        update.setNewObjectId(to);
        update.forceUpdate();
    }

    private void write(String path, String text) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("t", "t@example.test").setCommitter("t", "t@example.test")
                .setSign(false).call();
    }
}
