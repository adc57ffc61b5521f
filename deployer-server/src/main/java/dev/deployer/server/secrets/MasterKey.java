package dev.deployer.server.secrets;

import dev.deployer.server.settings.StartupException;
import dev.deployer.server.storage.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the master key: {@code DEPLOYER_MASTER_KEY}, else the data dir's key file, else a new one there. */
public final class MasterKey {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {}

    public static byte[] load(Optional<String> fromEnvironment, DataDir dataDir) {
        if (fromEnvironment.isPresent()) {
            return decode(fromEnvironment.get(), "DEPLOYER_MASTER_KEY");
        }
        Path file = dataDir.masterKey();
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            DataDir.writePrivate(file, Base64.getEncoder().encodeToString(key) + "\n");
            LOG.warn("Generated a new master key at {} (mode 0600). It encrypts every config value: back it up now; "
                    + "without it stored config values cannot be read. To manage it yourself, set DEPLOYER_MASTER_KEY.", file);
            return key;
        } catch (IOException e) {
            throw new StartupException("Cannot read or write the master key file " + file + " (" + e.getMessage()
                    + "): fix the data dir's permissions or set DEPLOYER_MASTER_KEY.");
        }
    }

    private static byte[] decode(String value, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new StartupException("The master key in " + source + " is malformed: it must be 32 random bytes in base64 "
                    + "(make one with `head -c 32 /dev/urandom | base64`).");
        }
        return key;
    }
}
