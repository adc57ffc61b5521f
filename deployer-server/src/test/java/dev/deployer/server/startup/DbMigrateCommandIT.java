package dev.deployer.server.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbMigrateCommandIT {
    @TempDir
    Path temp;

    @Test
    void dbMigrateAppliesMigrationsOnceAndExits() throws Exception {
        Path data = temp.resolve("data");
        try (ServerProcess first = ServerProcess.launch(data, Map.of(), List.of("db", "migrate"))) {
            assertThat(first.awaitExit(Duration.ofSeconds(90))).isZero();
            assertThat(first.output()).containsPattern("Applied \\d+ migration\\(s\\)");
        }
        try (ServerProcess second = ServerProcess.launch(data, Map.of(), List.of("db", "migrate"))) {
            assertThat(second.awaitExit(Duration.ofSeconds(90))).isZero();
            assertThat(second.output()).contains("Database is up to date");
        }
    }
}
