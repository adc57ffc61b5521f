package dev.deployer.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.ApiException;
import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.Json;
import dev.deployer.server.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The real server, started from its jar: a config value set through the API shows up in no
 * answer, no audit entry, no line of the server's output and no byte of its data dir (the H2
 * file included). The deploy engine's test extends the same search to events and the host.
 */
class ConfigSecretsIT {
    private static final String SECRET = "plain-XYZZY-\"q\" $HOME #c =v \\ end";
    private static final String MARKER = "XYZZY";

    @Test
    void aConfigValueIsFoundNowhereTheServerWritesOrAnswers() throws Exception {
        Path dataDir = Files.createTempDirectory("deployer-secrets-");
        try (ServerProcess first = ServerProcess.start(dataDir, Map.of())) {
            first.adminToken();
        }
        addHost(dataDir, "web1");
        List<String> answers = new ArrayList<>();
        String output;
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            DeployerClient admin = server.adminClient();
            answers.add(json(admin.createApp(AppRequest.create("shop", List.of("web1")))));
            Map<String, String> change = new LinkedHashMap<>();
            change.put("DB_PASSWORD", SECRET);
            change.put("GREETING", "hello");
            answers.add(json(admin.changeConfig("shop", change, false)));
            answers.add(json(admin.config("shop")));
            answers.add(json(admin.app("shop")));
            answers.add(json(admin.get("api/audit", new TypeReference<List<Map<String, Object>>>() {})));
            try {
                admin.send("PUT", "api/apps/shop/config", Map.of("lower-case", SECRET), new TypeReference<Void>() {});
                Assertions.fail("a bad key must be refused");
            } catch (ApiException e) {
                answers.add(e.getMessage());
            }
            output = server.output();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(MARKER));
        assertThat(answers.get(4)).contains("config.set").contains("DB_PASSWORD");
        assertThat(output).doesNotContain(MARKER).contains("config.set");
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(MARKER);
            }
        }
    }

    /** Straight into the H2 file while the server is stopped: this test is about config, not host setup. */
    private static void addHost(Path dataDir, String name) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("deployer");
        try (Connection db = DriverManager.getConnection(url, "deployer", "");
             var insert = db.prepareStatement("INSERT INTO hosts (name, address, port, ssh_user, host_key, fingerprint, "
                     + "created_at) VALUES (?, '127.0.0.1', 22, 'root', 'ssh-ed25519 AAAA', 'SHA256:x', CURRENT_TIMESTAMP)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
    }

    private static String json(Object value) throws Exception {
        return Json.mapper().writeValueAsString(value);
    }
}
