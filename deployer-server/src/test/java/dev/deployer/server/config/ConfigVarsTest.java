package dev.deployer.server.config;

import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.apps.AppDao;
import dev.deployer.server.apps.AppDaoTest;
import dev.deployer.server.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class ConfigVarsTest {
    static final String TRICKY = " say \"hi\" 'x' $HOME ${P} `id` #c ;d a=b C:\\n\\ \nline2\r\n ünï ☃ 🚀 ";

    private final TestDatabase.Named db = TestDatabase.h2();
    private final long app = db.jdbi().onDemand(AppDao.class).insert(AppDaoTest.row("web"));
    private final ConfigVars vars = new ConfigVars(db.jdbi().onDemand(ConfigDao.class), new SecretBox(key()), Clock.systemUTC());

    public static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void trickyValuesComeBackExactlyAndSorted() {
        vars.set(app, Map.of("TRICKY", Secret.of(TRICKY), "EMPTY", Secret.of(""), "A", Secret.of("1")));

        assertThat(vars.current(app)).containsOnlyKeys("A", "EMPTY", "TRICKY");
        assertThat(vars.current(app).keySet()).containsExactly("A", "EMPTY", "TRICKY");
        assertThat(vars.current(app).get("TRICKY").reveal()).isEqualTo(TRICKY);
        assertThat(vars.current(app).get("EMPTY").reveal()).isEmpty();
        assertThat(vars.keys(app)).extracting(ConfigVars.StoredVar::key).containsExactly("A", "EMPTY", "TRICKY");
    }

    @Test
    void sameValueIsSealedWithAFreshNonceEachTimeAndTheDatabaseHoldsNoPlainText() {
        vars.set(app, Map.of("ONE", Secret.of("hunter2-secret"), "TWO", Secret.of("hunter2-secret")));

        List<String> stored = db.jdbi().withHandle(h -> h.createQuery("SELECT value_encrypted FROM config_vars")
                .mapTo(String.class).list());
        assertThat(stored).hasSize(2).doesNotHaveDuplicates().allSatisfy(v -> assertThat(v).startsWith("v1:"));
        String wholeDatabase = db.jdbi().withHandle(h -> String.join("\n", h.createQuery("SCRIPT").mapTo(String.class).list()));
        assertThat(wholeDatabase).contains("v1:").doesNotContain("hunter2");
    }

    @Test
    void changesNameOnlyKeysThatReallyChanged() {
        vars.set(app, Map.of("A", Secret.of("1"), "B", Secret.of("2")));

        ConfigVars.Changes changes = vars.apply(app, Map.of("A", Secret.of("1"), "B", Secret.of("3"), "C", Secret.of("4")),
                Set.of("ABSENT"));
        assertThat(changes.set()).containsExactly("B", "C");
        assertThat(changes.unset()).isEmpty();
        assertThat(changes.describe()).isEqualTo("set B, C");

        ConfigVars.Changes removal = vars.unset(app, Set.of("A", "ABSENT"));
        assertThat(removal.describe()).isEqualTo("unset A");
        assertThat(vars.current(app)).containsOnlyKeys("B", "C");
        assertThat(vars.set(app, Map.of("B", Secret.of("3"))).isEmpty()).isTrue();
    }

    @Test
    void portIsRefusedBecauseItComesFromTheAppsPort() {
        assertThatThrownBy(() -> vars.set(app, Map.of("PORT", Secret.of("1")))).hasMessageContaining("--port");
    }

    @Test
    void badKeysAndContradictionsAreRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> vars.set(app, Map.of("lower", Secret.of("x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vars.unset(app, Set.of("A-B"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vars.apply(app, Map.of("A", Secret.of("x")), Set.of("A"))).hasMessageContaining("both");
        assertThat(vars.current(app)).isEmpty();
    }

    @Test
    void configTooBigForAReleaseSnapshotIsRefused() {
        Map<String, Secret> big = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            big.put("K" + i, Secret.of("x".repeat(ConfigValue.MAX_BYTES)));
        }
        assertThatThrownBy(() -> vars.set(app, big)).hasMessageContaining("700 KB");
    }

    @Test
    void snapshotSealsTheWholeConfigAndOpensToTheSameValues() {
        Map<String, Secret> config = Map.of("TRICKY", Secret.of(TRICKY), "B", Secret.of(""));

        String sealed = vars.sealSnapshot(config);

        assertThat(sealed).startsWith("v1:").doesNotContain("TRICKY").isNotEqualTo(vars.sealSnapshot(config));
        assertThat(vars.openSnapshot(sealed)).containsExactlyEntriesOf(new java.util.TreeMap<>(config));
    }
}
