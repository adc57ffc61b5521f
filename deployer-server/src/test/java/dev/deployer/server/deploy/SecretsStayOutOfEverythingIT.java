package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A secret set as a config var, deployed for real: its value is found in the host's env file and
 * the app's process, and nowhere else: no API answer, event, audit entry, server log line, byte
 * of the data dir (H2 file included), unit file or release dir. API tokens stay out of the log too.
 */
@WithTestHosts(1)
class SecretsStayOutOfEverythingIT {
    private static final String MARKER = "QUUXSECRET";
    private static final String SECRET = "p@ss " + MARKER + " \"quoted\" $NOT_EXPANDED";
    private static final int PORT = 8093;

    @Test
    void aDeployedSecretIsOnlyInTheEnvFileAndTheProcess(TestHosts hosts) throws Exception {
        TestHost host = hosts.get(0);
        LiveDeployer.removeAppFrom(host, "vault");
        SampleRepo repo = SampleRepo.create(Files.createTempDirectory("vault-"));
        try (LiveDeployer deployer = LiveDeployer.start(hosts, Map.of())) {
            DeployerClient admin = deployer.admin();
            String deployerToken = admin.createToken("ci-deployer", "deployer").token();
            DeployerClient ci = deployer.server().client(deployerToken);
            deployer.createApp(AppRequest.create("vault", List.of(host.name())).withRepo(repo.url(), "main")
                    .withRun(PORT, "-Xmx64m", "/health").withStrategy("restart"));
            List<String> answers = new ArrayList<>();
            answers.add(ci.send("PUT", "api/apps/vault/config", Map.of("DB_PASSWORD", SECRET), new TypeReference<Object>() {})
                    .toString());

            StringBuilder events = new StringBuilder();
            DeploymentInfo done = ci.follow(ci.deploy("vault", null, false).id(), e -> events.append(e).append('\n'));
            assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/env/DB_PASSWORD").stdout()).isEqualTo(SECRET);

            answers.add(events.toString());
            answers.add(String.valueOf(admin.get("api/apps/vault/config", new TypeReference<Object>() {})));
            answers.add(String.valueOf(admin.get("api/apps/vault", new TypeReference<Object>() {})));
            answers.add(String.valueOf(admin.releases("vault")));
            answers.add(String.valueOf(admin.deployment(done.id())));
            answers.add(String.valueOf(admin.status("vault")));
            answers.add(String.valueOf(admin.get("api/audit", new TypeReference<Object>() {})));
            assertThat(answers).noneMatch(a -> a.contains(MARKER));
            assertThat(deployer.server().output()).doesNotContain(MARKER).doesNotContain(deployerToken);
            assertThat(filesContaining(deployer.server().dataDir(), MARKER)).isEmpty();

            String onHost = host.run("grep -rl " + MARKER + " /opt/deployer/vault /etc/deployer /etc/systemd/system "
                    + "/var/lib/deployer 2>/dev/null; journalctl -u deployer-vault.service --no-pager | grep -c " + MARKER).out();
            assertThat(onHost.lines().toList()).containsExactly("/etc/deployer/vault.env", "0");
        }
    }

    private static List<Path> filesContaining(Path dir, String marker) throws Exception {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] data = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= data.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
