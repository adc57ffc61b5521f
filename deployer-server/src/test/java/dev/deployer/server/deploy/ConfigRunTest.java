package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.DeploymentEvent;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.ArtifactDao;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.config.ConfigDao;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.config.ConfigVarsTest;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config release names the keys that changed, in its description and in the deployment's events; never a value. */
class ConfigRunTest {
    private static final String VALUE = "s3cr3t-value-never-shown";

    private final TestDatabase.Named db = TestDatabase.h2();
    private final ConfigVars vars = new ConfigVars(db.jdbi().onDemand(ConfigDao.class), new SecretBox(ConfigVarsTest.key()),
            Clock.systemUTC());
    private final ReleaseService releases = new ReleaseService(db.jdbi().onDemand(ReleaseDao.class), vars, Clock.systemUTC());
    private final DeploymentDao deployments = db.jdbi().onDemand(DeploymentDao.class);
    private final long appId = Rows.app(db.jdbi(), "shop");
    private final App app = new App(appId, "shop", null, "main", 8080, "", 17, "/health", 60, null, null, 900, 5, null,
            List.of("web1"), Instant.now(), 512);
    private final Release current = new Release(1, appId, 1, "c".repeat(40), "a".repeat(64), 1, "", "[Unit]", "d",
            "succeeded", "ci", Instant.now(), null, null, null);

    @TempDir
    Path artifactsDir;

    @Test
    void theReleaseAndItsEventsListTheChangedKeysAndNoValue() {
        vars.apply(appId, Map.of("OLD_FLAG", Secret.of("1")), Set.of());
        ConfigVars.Changes changes = vars.apply(appId, Map.of("API_KEY", Secret.of(VALUE), "DB_URL", Secret.of(VALUE)),
                Set.of("OLD_FLAG"));
        long deployment = deployments.insert(appId, "config", null, "ci", Instant.now());

        DeploymentRun.Prepared prepared = run(changes.keys()).prepare(app, log(deployment));

        assertThat(prepared.release().description()).isEqualTo("config change: API_KEY, DB_URL, OLD_FLAG");
        List<String> events = deployments.events(deployment, 0).stream().map(DeploymentEvent::message).toList();
        assertThat(events).anySatisfy(line -> assertThat(line).contains("(changed: API_KEY, DB_URL, OLD_FLAG)"));
        assertThat(String.join("\n", events) + prepared.release().description()).doesNotContain(VALUE);
    }

    @Test
    void manyLongKeysAreCountedPastABoundSoTheDescriptionFitsItsColumn() {
        Set<String> keys = new TreeSet<>();
        IntStream.range(0, 40).forEach(i -> keys.add(String.format("K%02d_", i) + "X".repeat(250)));
        long deployment = deployments.insert(appId, "config", null, "ci", Instant.now());

        Release release = run(keys).prepare(app, log(deployment)).release();

        assertThat(release.description()).hasSizeLessThanOrEqualTo(1000).startsWith("config change: K00_")
                .endsWith(" and 38 more");
    }

    @Test
    void noKnownKeysKeepsTheOldDescription() {
        long deployment = deployments.insert(appId, "config", null, "ci", Instant.now());

        assertThat(run(Set.of()).prepare(app, log(deployment)).release().description()).isEqualTo("config change");
    }

    private ConfigRun run(Set<String> keys) {
        ArtifactStore artifacts = new ArtifactStore(db.jdbi().onDemand(ArtifactDao.class), artifactsDir, Clock.systemUTC());
        return new ConfigRun(releases, vars, artifacts, current, keys, "ci");
    }

    private StepLog log(long deployment) {
        return new StepLog(new DeploymentEvents(deployments, Clock.systemUTC()), deployment, "shop");
    }
}
