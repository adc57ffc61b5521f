package dev.deployer.server.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.ApiException;
import dev.deployer.api.DeployerClient;
import dev.deployer.server.testing.ServerProcess;
import dev.deployer.server.testing.ThrowawayPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerStartIT {
    @TempDir
    Path temp;

    @Test
    void firstStartCreatesPrivateStateAndARestartReusesIt() throws Exception {
        Path data = temp.resolve("data");
        String token;
        String publicKey;
        String masterKey;
        try (ServerProcess server = ServerProcess.start(data, Map.of())) {
            token = server.adminToken();
            publicKey = server.adminClient().sshKey().publicKey();
            masterKey = Files.readString(data.resolve("master.key"));
            assertThat(server.adminClient().version().name()).isEqualTo("deployer");
            assertThat(server.output()).contains("Generated a new master key at " + data.resolve("master.key"));
        }
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("admin-token"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("master.key"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("ssh/id_ed25519"))).isEqualTo("rw-------");
        assertThat(publicKey).startsWith("ssh-ed25519 ");

        try (ServerProcess again = ServerProcess.start(data, Map.of())) {
            assertThat(again.adminToken()).isEqualTo(token);
            assertThat(again.client(token).sshKey().publicKey()).isEqualTo(publicKey);
            assertThat(Files.readString(data.resolve("master.key"))).isEqualTo(masterKey);
            assertThat(again.output()).doesNotContain("Generated a new master key").doesNotContain(token);
        }
    }

    @Test
    void requestsWithoutAValidTokenGetJson401() throws Exception {
        try (ServerProcess server = ServerProcess.start(temp.resolve("data"), Map.of())) {
            for (DeployerClient client : List.of(server.client(null), server.client("dpl_not-a-token"))) {
                try {
                    client.version();
                    throw new AssertionError("expected 401");
                } catch (ApiException e) {
                    assertThat(e.code()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("Bearer");
                }
            }
        }
    }

    @Test
    void unwritableDataDirStopsTheStartWithOneSentence() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        assertStartFails(file.resolve("data"), Map.of(), "DEPLOYER_DATA_DIR");
    }

    @Test
    void malformedMasterKeyStopsTheStartWithOneSentence() throws Exception {
        assertStartFails(temp.resolve("data"), Map.of("DEPLOYER_MASTER_KEY", "not-base64-and-too-short"), "DEPLOYER_MASTER_KEY");
    }

    @Test
    void unreachableDatabaseStopsTheStartWithOneSentence() throws Exception {
        int closedPort = ServerProcess.freePort();
        assertStartFails(temp.resolve("data"),
                Map.of("DEPLOYER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/deployer"),
                "DEPLOYER_DATABASE_URL");
    }

    @Test
    void databasePasswordsNeverReachTheOutput() throws Exception {
        ThrowawayPostgres pg = ThrowawayPostgres.get();
        String url = pg.newDatabase("pwcheck") + "?password=url-pw-7f3a";
        try (ServerProcess server = ServerProcess.start(temp.resolve("data"), Map.of("DEPLOYER_DATABASE_URL", url,
                "DEPLOYER_DATABASE_USER", pg.user(), "DEPLOYER_DATABASE_PASSWORD", "env-pw-2b9c"))) {
            assertThat(server.adminClient().version().name()).isEqualTo("deployer");
            assertThat(server.output()).doesNotContain("url-pw-7f3a").doesNotContain("env-pw-2b9c");
        }

        int closedPort = ServerProcess.freePort();
        ServerProcess failing = ServerProcess.launch(temp.resolve("data2"), Map.of(
                "DEPLOYER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/deployer?user=x&password=url-pw-7f3a",
                "DEPLOYER_DATABASE_PASSWORD", "env-pw-2b9c"), List.of("server"));
        try {
            assertThat(failing.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(failing.output()).contains("deployer cannot start: ").contains("password=***")
                    .doesNotContain("url-pw-7f3a").doesNotContain("env-pw-2b9c");
        } finally {
            failing.close();
        }
    }

    private static void assertStartFails(Path data, Map<String, String> env, String settingNamed) throws Exception {
        ServerProcess server = ServerProcess.launch(data, env, List.of("server"));
        try {
            assertThat(server.awaitExit(Duration.ofSeconds(90))).isNotZero();
            String output = server.output();
            assertThat(output).contains("deployer cannot start: ").contains(settingNamed);
            assertThat(output).doesNotContain("\tat ").doesNotContain("Exception:");
        } finally {
            server.close();
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
