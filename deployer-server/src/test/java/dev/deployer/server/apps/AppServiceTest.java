package dev.deployer.server.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.AppRequest;
import dev.deployer.server.config.ConfigDao;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.config.ConfigVarsTest;
import dev.deployer.server.errors.DomainException;
import dev.deployer.server.http.DomainErrors;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import dev.deployer.server.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppServiceTest {
    private final TestDatabase.Named db = TestDatabase.h2();
    private final SecretBox box = new SecretBox(ConfigVarsTest.key());
    private final ConfigVars config = new ConfigVars(db.jdbi().onDemand(ConfigDao.class), box, Clock.systemUTC());
    private final List<String> removed = new ArrayList<>();
    private final AppService apps = new AppService(db.jdbi().onDemand(AppDao.class), config, box,
            (app, purge) -> removed.add(app.name() + (purge ? " purge" : "")), Clock.systemUTC());

    AppServiceTest() {
        AppDaoTest.host(db.jdbi(), "h1");
        AppDaoTest.host(db.jdbi(), "h2");
    }

    @Test
    void createFillsDefaultsAndShowsTheWebhookSecretOnce() {
        AppService.Saved saved = apps.create(AppRequest.create("web", List.of("h2", "h1")));

        App app = saved.app();
        assertThat(app.hosts()).containsExactly("h2", "h1");
        assertThat(app).extracting(App::branch, App::port, App::javaOptions, App::javaVersion, App::healthPath,
                        App::healthTimeoutSeconds, App::buildTimeoutSeconds, App::keepReleases, App::batchSize, App::repoUrl)
                .containsExactly("main", 8080, "", 17, null, 60, 900, 5, null, null);
        assertThat(saved.newWebhookSecret()).hasSize(64);
        assertThat(apps.webhookSecret("web")).isEqualTo(Secret.of(saved.newWebhookSecret()));
        assertThat(apps.require("web")).isEqualTo(app);
        assertThat(apps.list()).containsExactly(app);
    }

    @Test
    void badNamesUnknownHostsAndDuplicatesAreRefusedWithTheRightStatus() {
        assertThat(status(() -> apps.create(AppRequest.create("Web", List.of("h1"))))).isEqualTo(400);
        assertThat(status(() -> apps.create(AppRequest.create("web", List.of())))).isEqualTo(400);
        assertThatThrownBy(() -> apps.create(AppRequest.create("web", List.of("h1", "ghost"))))
                .hasMessageContaining("no host named ghost");
        assertThat(status(() -> apps.create(AppRequest.create("web", List.of("h1", "h1"))))).isEqualTo(400);
        assertThat(status(() -> apps.create(AppRequest.create("web", List.of("h1")).withRun(70000, null, null)))).isEqualTo(400);
        assertThat(status(() -> apps.create(AppRequest.create("web", List.of("h1")).withRun(null, "-Dx=\"y\"", null)))).isEqualTo(400);
        apps.create(AppRequest.create("web", List.of("h1")));
        assertThat(status(() -> apps.create(AppRequest.create("web", List.of("h2"))))).isEqualTo(409);
        assertThat(status(() -> apps.require("nope"))).isEqualTo(404);
        assertThat(status(() -> apps.require("../x"))).isEqualTo(400);
    }

    @Test
    void updateChangesOnlyWhatIsGivenAndEmptyTextClearsAnOptionalField() {
        apps.create(AppRequest.create("web", List.of("h1")).withRun(8081, "-Xmx1g", "/health").withRepo("https://x/y.git", "main"));

        AppService.Saved saved = apps.update("web", AppRequest.empty().withHosts(List.of("h2", "h1")).withRun(null, null, "")
                .withRepo(null, "release/2"));

        assertThat(saved.app()).extracting(App::hosts, App::port, App::javaOptions, App::healthPath, App::repoUrl, App::branch)
                .containsExactly(List.of("h2", "h1"), 8081, "-Xmx1g", null, "https://x/y.git", "release/2");
        assertThat(saved.changedFields()).containsExactly("hosts", "branch", "healthPath");
        assertThat(saved.newWebhookSecret()).isNull();
        assertThat(status(() -> apps.update("web", AppRequest.empty().withName("other")))).isEqualTo(400);
    }

    @Test
    void rotatingTheWebhookSecretShowsTheNewOneOnce() {
        String first = apps.create(AppRequest.create("web", List.of("h1"))).newWebhookSecret();

        AppService.Saved saved = apps.update("web", AppRequest.empty().withRotatedWebhookSecret());

        assertThat(saved.newWebhookSecret()).isNotEqualTo(first).hasSize(64);
        assertThat(saved.changedFields()).containsExactly("webhookSecret");
        assertThat(apps.webhookSecret("web")).isEqualTo(Secret.of(saved.newWebhookSecret()));
    }

    @Test
    void deleteTakesTheAppOffItsHostsKeepsItsRowAndCreatingAgainRevivesIt() {
        App web = apps.create(AppRequest.create("web", List.of("h1"))).app();
        config.set(web.id(), Map.of("K", Secret.of("v")));

        apps.delete("web", false);

        assertThat(removed).containsExactly("web");
        assertThat(status(() -> apps.require("web"))).isEqualTo(404);
        assertThat(apps.list()).isEmpty();
        assertThat(config.current(web.id())).isEmpty();
        App revived = apps.create(AppRequest.create("web", List.of("h2"))).app();
        assertThat(revived.id()).isEqualTo(web.id());
        assertThat(revived.hosts()).containsExactly("h2");
    }

    @Test
    void purgeForgetsTheAppEvenAfterASoftDelete() {
        long id = apps.create(AppRequest.create("web", List.of("h1"))).app().id();
        apps.delete("web", false);

        apps.delete("web", true);

        assertThat(removed).containsExactly("web");
        assertThat(db.jdbi().onDemand(AppDao.class).findAny("web")).isEmpty();
        assertThat(apps.create(AppRequest.create("web", List.of("h1"))).app().id()).isNotEqualTo(id);
        assertThat(status(() -> apps.delete("nope", true))).isEqualTo(404);
    }

    @Test
    void aHostThatCannotBeCleanedUpKeepsTheAppSoTheDeleteCanBeRetried() {
        AppService failing = new AppService(db.jdbi().onDemand(AppDao.class), config, box, (app, purge) -> {
            throw new IllegalStateException("h1: connection refused");
        }, Clock.systemUTC());
        failing.create(AppRequest.create("web", List.of("h1")));

        assertThat(status(() -> failing.delete("web", false))).isEqualTo(502);
        assertThatThrownBy(() -> failing.delete("web", true)).hasMessageContaining("h1: connection refused")
                .hasMessageContaining("delete again");
        assertThat(failing.require("web").hosts()).containsExactly("h1");
    }

    @Test
    void droppingAHostTakesTheAppOffThatHostOnlyBeforeTheNewListIsStored() {
        AppDaoTest.host(db.jdbi(), "h3");
        List<String> removedFrom = new ArrayList<>();
        AppService tracking = new AppService(db.jdbi().onDemand(AppDao.class), config, box,
                (app, purge) -> removedFrom.add(app.name() + " " + app.hosts() + (purge ? " purge" : "")), Clock.systemUTC());
        tracking.create(AppRequest.create("web", List.of("h1", "h2", "h3")));

        tracking.update("web", AppRequest.empty().withHosts(List.of("h3", "h1")));
        tracking.update("web", AppRequest.empty().withRun(9000, null, null));

        assertThat(removedFrom).containsExactly("web [h2]");
        assertThat(tracking.require("web").hosts()).containsExactly("h3", "h1");
    }

    @Test
    void aDroppedHostThatCannotBeCleanedChangesNothing() {
        AppService failing = new AppService(db.jdbi().onDemand(AppDao.class), config, box, (app, purge) -> {
            throw new IllegalStateException("could not remove deployer-web.service everywhere: h2: connection refused");
        }, Clock.systemUTC());
        failing.create(AppRequest.create("web", List.of("h1", "h2")));

        assertThat(status(() -> failing.update("web", AppRequest.empty().withHosts(List.of("h1")).withRun(9000, null, null))))
                .isEqualTo(502);
        assertThatThrownBy(() -> failing.update("web", AppRequest.empty().withHosts(List.of("h1"))))
                .hasMessage("app web was not changed: could not remove deployer-web.service everywhere: h2: connection refused; "
                        + "fix the host, then change the app's hosts again");
        assertThat(failing.require("web")).extracting(App::hosts, App::port).containsExactly(List.of("h1", "h2"), 8080);
    }

    @Test
    void localRepoUrlsNeedTheServerSetting() {
        assertThat(status(() -> apps.create(AppRequest.create("web", List.of("h1")).withRepo("file:///srv/web.git", null))))
                .isEqualTo(400);
        AppService allowing = new AppService(db.jdbi().onDemand(AppDao.class), config, box, AppRemover.NONE, true, Clock.systemUTC());
        assertThat(allowing.create(AppRequest.create("web", List.of("h1")).withRepo("file:///srv/web.git", null)).app().repoUrl())
                .isEqualTo("file:///srv/web.git");
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            return new DomainErrors().toResponse(e).getStatus();
        }
        throw new AssertionError("expected a domain exception");
    }
}
