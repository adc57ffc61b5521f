package dev.deployer.server.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.server.testing.GitPush;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real git client pushing a commit that adds an AWS key id and a .env file: warned by default, refused when asked. */
@WithTestHosts(1)
class SecretPushIT {
    private static final String AWS_KEY_ID = "AKIA" + "QWERTYUIOPASDFGH";

    @Test
    void aPushAddingSecretsIsWarnedNamingFileAndLineOrRefusedWhenTheAppSaysRejectAndTheValueIsNeverShown(TestHosts hosts)
            throws Exception {
        try (LiveDeployer deployer = LiveDeployer.start(hosts, Map.of())) {
            String token = deployer.admin().createToken("ci", "deployer").token();
            String hostName = hosts.get(0).name();
            deployer.createApp(AppRequest.create("leaky", List.of(hostName)));
            deployer.createApp(AppRequest.create("strict", List.of(hostName)).withSecretsOnPush("reject"));
            SampleRepo repo = SampleRepo.create(Files.createTempDirectory("leaky-"));
            Files.createDirectories(repo.dir().resolve("src/main/resources"));
            Files.writeString(repo.dir().resolve("src/main/resources/app.properties"), "region=eu\naws.key=" + AWS_KEY_ID + "\n");
            Files.writeString(repo.dir().resolve(".env"), "DB_PASSWORD=hunter2\n");
            repo.git("add", "-A");
            repo.git("commit", "-q", "-m", "oops");
            String commit = repo.head().substring(0, 12);

            // A branch other than the app's: stored, not built, so this needs no deploy.
            GitPush warned = GitPush.run(repo.dir(), remote(deployer, "leaky"), token, "main:refs/heads/feature");
            GitPush refused = GitPush.run(repo.dir(), remote(deployer, "strict"), token, "main");

            assertThat(warned.exitCode()).as(warned.text()).isZero();
            assertThat(warned.text()).contains("remote: warning: possible secret in src/main/resources/app.properties line 2 "
                    + "(AWS access key id, commit " + commit + "): the value is not shown")
                    .contains("remote: warning: possible secret in .env (a .env file, commit " + commit + ")");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.text()).contains("remote: error: possible secret in src/main/resources/app.properties line 2")
                    .contains("[remote rejected] main -> main (possible secret in a commit)")
                    .doesNotContain("deployer: building");
            assertThat(List.of(warned.text(), refused.text(), deployer.server().output()))
                    .noneMatch(text -> text.contains(AWS_KEY_ID) || text.contains("hunter2"));
        }
    }

    private static String remote(LiveDeployer deployer, String app) {
        return deployer.server().url() + "git/" + app + ".git";
    }
}
