package dev.deployer.server.deploy;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.DeploymentKind;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppDao;
import dev.deployer.server.apps.AppRemover;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.build.ArtifactDao;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.config.ConfigDao;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.config.ConfigVarsTest;
import dev.deployer.server.releases.Release;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.secrets.SecretBox;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.testing.RecordingHosts;
import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The deploy engine wired as the server wires it, on a real H2 database, with {@link RecordingHosts} in place of
 * SSH: three root hosts web1..web3 and an app {@code shop} on them (health path {@code /health}, 1 s health timeout).
 */
final class DeployFixture implements AutoCloseable {
    static final String JAR_SHA = "a".repeat(64);

    final TestDatabase.Named db = TestDatabase.h2();
    final Clock clock = Clock.systemUTC();
    final RecordingHosts hosts = new RecordingHosts();
    final List<String> hostNames = List.of("web1", "web2", "web3");
    final Function<String, HostTarget> targets = name -> new HostTarget(name, "10.0.0." + name.substring(3), 22, "root",
            "ssh-ed25519 AAAA", "SHA256:x");
    final SecretBox box = new SecretBox(ConfigVarsTest.key());
    final ConfigVars configVars = new ConfigVars(db.jdbi().onDemand(ConfigDao.class), box, clock);
    final AppService apps = new AppService(db.jdbi().onDemand(AppDao.class), configVars, box, AppRemover.NONE, clock);
    final ReleaseDao releaseDao = db.jdbi().onDemand(ReleaseDao.class);
    final ReleaseService releases = new ReleaseService(releaseDao, configVars, clock);
    final DeploymentDao dao = db.jdbi().onDemand(DeploymentDao.class);
    /** Told what deployments do, as the server's metrics are (a test may observe with another instead). */
    final RecordingObserver observed = new RecordingObserver();
    final DeploymentEvents events = new DeploymentEvents(dao, clock);
    final Path artifactRoot;
    final ArtifactStore artifacts;
    final ExecutorService workers = Executors.newFixedThreadPool(8);
    final ExecutorService runner = Executors.newFixedThreadPool(2);
    final HealthGate health = new HealthGate(hosts, Duration.ZERO, Duration.ofMillis(5));
    final HostRollout rollout = new HostRollout(hosts, health);
    final RollingDeploy rolling = new RollingDeploy(rollout, dao, workers, clock);
    final Retention retention;
    final Deployments deployments;
    final App app;

    DeployFixture() throws Exception {
        this(null);
    }

    /** {@code batchSize}: hosts after the canary switched at once (null: all the rest). */
    DeployFixture(Integer batchSize) throws Exception {
        artifactRoot = Files.createTempDirectory("deploy-fixture");
        artifacts = new ArtifactStore(db.jdbi().onDemand(ArtifactDao.class), artifactRoot, clock);
        retention = new Retention(hosts, releaseDao, artifacts, workers);
        deployments = new Deployments(apps, targets, releaseDao, dao, events, rolling, configVars, retention, runner,
                new AppLocks(db.jdbi().onDemand(AppLockDao.class), "test-server", clock), clock);
        deployments.observe(observed);
        hostNames.forEach(name -> Rows.host(db.jdbi(), name));
        App created = apps.create(AppRequest.create("shop", hostNames).withRun(8080, null, "/health")).app();
        db.jdbi().useHandle(h -> h.execute("UPDATE apps SET health_timeout_seconds = 1, batch_size = ? WHERE id = ?",
                batchSize, created.id()));
        app = apps.require("shop");
        // No user "shop" on a fresh host: the rollout creates it. The lookup ends staging's one round trip.
        hosts.when(call -> call.text().endsWith("getent passwd shop")).exits(2);
    }

    /** The passwd line of the user a deploy made: staging's round trip prints it last once the app ran on a host. */
    static final String PASSWD = "shop:x:998:998:deployer app shop:/var/lib/deployer/shop:/usr/sbin/nologin\n";

    List<HostTarget> targets() {
        return hostNames.stream().map(targets).toList();
    }

    /** A release of the app, pending, as a build would make it. */
    Release newRelease(String description) {
        return releases.create(app, "c".repeat(40), JAR_SHA, 1234, configVars.current(app.id()), description, "ci");
    }

    /** Makes every host report the jar of {@code version} already in place, so no artifact file is needed. */
    void jarOnHosts(int version) {
        hosts.when(call -> call.text().contains("find /opt/deployer/shop/releases -mindepth 2")).prints(JAR_SHA + "  /opt/deployer/shop/releases/v"
                + version + "/app.jar\n" + PASSWD);
    }

    /** A run that only hands out {@code release}: what a build or a copy would have produced. */
    static DeploymentRun runOf(Release release, String kind) {
        DeploymentKind parsed = DeploymentKind.from(kind);
        return new DeploymentRun() {
            @Override
            public Prepared prepare(App app, StepLog log) {
                return new Prepared(release, Map.of(), null);
            }

            @Override
            public DeploymentKind kind() {
                return parsed;
            }
        };
    }

    /** Deploys {@code release} successfully through {@link Deployments#runNow}, so it is the app's current release. */
    DeploymentInfo deployed(Release release) throws InterruptedException {
        jarOnHosts(release.version());
        DeploymentInfo done = deployments.runNow(app, runOf(release, "deploy"), "ci", event -> {});
        if (!done.status().equals("succeeded")) {
            throw new IllegalStateException("setup deploy failed: " + done.reason());
        }
        return done;
    }

    /** Host states of a deployment as {@code web1 reverted} lines. */
    List<String> hostStates(long deployment) {
        return dao.hosts(deployment).stream().map(s -> s.host() + " " + s.state()).toList();
    }

    static List<String> names(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "web" + i).toList();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        runner.shutdownNow();
    }
}
