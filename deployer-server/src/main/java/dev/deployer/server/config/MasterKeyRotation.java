package dev.deployer.server.config;

import dev.deployer.server.secrets.SecretBox;
import org.jdbi.v3.core.Jdbi;

/**
 * Re-seals every stored secret under a new master key, in one transaction: either all of them
 * move to the new key or none does, so the database never needs two keys at once.
 */
public final class MasterKeyRotation {
    /** How many values of each kind were re-sealed. */
    public record Resealed(int configVars, int webhookSecrets, int configSnapshots, int notifyUrls) {}

    private MasterKeyRotation() {}

    public static Resealed reseal(Jdbi jdbi, SecretBox from, SecretBox to) {
        return jdbi.inTransaction(handle -> {
            ResealDao dao = handle.attach(ResealDao.class);
            var vars = dao.configVars();
            vars.forEach(v -> dao.updateConfigVar(v.id(), v.name(), to.seal(from.open(v.sealed()))));
            var secrets = dao.webhookSecrets();
            secrets.forEach(s -> dao.updateWebhookSecret(s.id(), to.seal(from.open(s.sealed()))));
            var snapshots = dao.configSnapshots();
            snapshots.forEach(s -> dao.updateConfigSnapshot(s.id(), to.seal(from.open(s.sealed()))));
            var notifyUrls = dao.notifyUrls();
            notifyUrls.forEach(n -> dao.updateNotifyUrl(n.id(), to.seal(from.open(n.sealed()))));
            return new Resealed(vars.size(), secrets.size(), snapshots.size(), notifyUrls.size());
        });
    }
}
