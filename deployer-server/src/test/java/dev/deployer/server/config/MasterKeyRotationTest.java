package dev.deployer.server.config;

import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.AppRequest;
import dev.deployer.server.apps.AppDao;
import dev.deployer.server.apps.AppDaoTest;
import dev.deployer.server.apps.AppRemover;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MasterKeyRotationTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void everySealedValueOpensUnderTheNewKeyAndNoLongerUnderTheOld(TestDatabase.Named db) {
        SecretBox old = new SecretBox(ConfigVarsTest.key());
        SecretBox next = new SecretBox(ConfigVarsTest.key());
        ConfigVars vars = new ConfigVars(db.jdbi().onDemand(ConfigDao.class), old, Clock.systemUTC());
        AppDaoTest.host(db.jdbi(), "h1");
        AppService apps = new AppService(db.jdbi().onDemand(AppDao.class), vars, old, AppRemover.NONE, Clock.systemUTC());
        AppService.Saved web = apps.create(AppRequest.create("web", List.of("h1")));
        long id = web.app().id();
        vars.set(id, Map.of("A", Secret.of("alpha"), "B", Secret.of("beta")));
        String snapshot = vars.sealSnapshot(vars.current(id));
        db.jdbi().useHandle(h -> h.execute("INSERT INTO releases (app_id, version, artifact_sha256, artifact_size, "
                + "config_snapshot, unit_text, description, status, created_by, created_at) "
                + "VALUES (?, 1, 'sha', 1, ?, 'unit', 'd', 'succeeded', 'me', ?)", id, snapshot, Instant.now()));
        db.jdbi().useHandle(h -> h.execute("INSERT INTO notify_webhooks (app_id, url_encrypted, url_masked, body_format, events, "
                + "created_by, created_at) VALUES (?, ?, 'https://hooks.example.com/…', 'json', 'failed', 'me', ?)", id,
                old.seal(Secret.of("https://hooks.example.com/tok3n")), Instant.now()));

        MasterKeyRotation.Resealed done = MasterKeyRotation.reseal(db.jdbi(), old, next);

        assertThat(done).isEqualTo(new MasterKeyRotation.Resealed(2, 1, 1, 1));
        ConfigVars rotated = new ConfigVars(db.jdbi().onDemand(ConfigDao.class), next, Clock.systemUTC());
        assertThat(rotated.current(id)).containsEntry("A", Secret.of("alpha")).containsEntry("B", Secret.of("beta"));
        AppService rotatedApps = new AppService(db.jdbi().onDemand(AppDao.class), rotated, next, AppRemover.NONE, Clock.systemUTC());
        assertThat(rotatedApps.webhookSecret("web")).isEqualTo(Secret.of(web.newWebhookSecret()));
        String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT config_snapshot FROM releases").mapTo(String.class).one());
        assertThat(rotated.openSnapshot(stored)).containsEntry("A", Secret.of("alpha"));
        String url = db.jdbi().withHandle(h -> h.createQuery("SELECT url_encrypted FROM notify_webhooks").mapTo(String.class).one());
        assertThat(next.open(url)).isEqualTo(Secret.of("https://hooks.example.com/tok3n"));
        assertThatThrownBy(() -> vars.current(id)).hasMessageContaining("DEPLOYER_MASTER_KEY");
    }
}
