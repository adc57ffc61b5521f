package dev.deployer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployer.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code ~/.config/deployer/config.json} (0600): the server URL and token saved by {@code deployer login}. */
public record CliConfig(String server, String token) {
    private static final ObjectMapper JSON = Json.mapper();

    public static Path defaultPath() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("deployer").resolve("config.json");
    }

    public static CliConfig read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new CliConfig(null, null);
        }
        return JSON.readValue(file.toFile(), CliConfig.class);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".config-", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
