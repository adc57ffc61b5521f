package dev.deployer.server.config;

import dev.deployer.server.db.Database;
import dev.deployer.server.secrets.MasterKey;
import dev.deployer.server.secrets.SecretBox;
import dev.deployer.server.settings.DeployerConfiguration;
import dev.deployer.server.settings.Settings;
import dev.deployer.server.settings.StartupException;
import dev.deployer.server.storage.DataDir;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code rotate-master-key [config.yml]}, run while the server is stopped: re-seals every stored
 * secret under a new key ({@code DEPLOYER_NEW_MASTER_KEY}, or a fresh random one). A key kept in
 * the data dir is replaced there; a key given by {@code DEPLOYER_MASTER_KEY} must be replaced by
 * the operator, and the new one is printed on the console when it was generated here.
 */
public class RotateMasterKeyCommand extends ConfiguredCommand<DeployerConfiguration> {
    static final String NEW_KEY = "DEPLOYER_NEW_MASTER_KEY";

    private final Map<String, String> env;

    public RotateMasterKeyCommand(Map<String, String> env) {
        super("rotate-master-key", "Re-encrypt every config value and webhook secret under a new master key "
                + "(stop the server first). The new key comes from " + NEW_KEY + " or is generated.");
        this.env = env;
    }

    @Override
    public void onError(io.dropwizard.core.cli.Cli cli, Namespace namespace, Throwable e) {
        if (!StartupException.report(cli, e)) {
            super.onError(cli, namespace, e);
        }
    }

    @Override
    protected void run(Bootstrap<DeployerConfiguration> bootstrap, Namespace namespace, DeployerConfiguration configuration)
            throws Exception {
        Settings settings = Settings.resolve(configuration, env);
        DataDir dataDir = DataDir.open(settings.dataDir());
        SecretBox current = new SecretBox(MasterKey.load(settings.masterKey(), dataDir));
        boolean generated = env.get(NEW_KEY) == null || env.get(NEW_KEY).isBlank();
        String newKey = generated ? randomKey() : checked(env.get(NEW_KEY));
        SecretBox next = new SecretBox(Base64.getDecoder().decode(newKey));
        boolean keptInDataDir = settings.masterKey().isEmpty();
        Path staged = dataDir.masterKey().resolveSibling(dataDir.masterKey().getFileName() + ".new");
        if (keptInDataDir) {
            // Staged before the database changes: whatever happens next, the key that opens the data is on disk.
            DataDir.writePrivate(staged, newKey + "\n");
        }
        ManagedDataSource dataSource = Database.dataSourceFactory(settings, dataDir)
                .build(bootstrap.getMetricRegistry(), "rotate-master-key");
        try {
            Database.migrate(dataSource, settings);
            Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
            MasterKeyRotation.Resealed done = MasterKeyRotation.reseal(jdbi, current, next);
            System.out.println("Re-encrypted " + done.configVars() + " config value(s), " + done.webhookSecrets()
                    + " webhook secret(s), " + done.configSnapshots() + " release config snapshot(s) and " + done.notifyUrls()
                    + " notification URL(s) under the new master key.");
        } finally {
            dataSource.stop();
        }
        if (keptInDataDir) {
            Files.move(staged, dataDir.masterKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("The new key is in " + dataDir.masterKey() + " (0600). Back it up now, with the database: "
                    + "an old key opens only backups taken before this rotation.");
        } else {
            System.out.println("Set DEPLOYER_MASTER_KEY to the new key before starting the server"
                    + (generated ? " (shown only this once):\n    " + newKey : " (the value of " + NEW_KEY + ")."));
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String checked(String base64) {
        try {
            if (Base64.getDecoder().decode(base64.trim()).length == 32) {
                return base64.trim();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new StartupException(NEW_KEY + " is malformed: it must be 32 random bytes in base64 "
                + "(make one with `head -c 32 /dev/urandom | base64`).");
    }
}
