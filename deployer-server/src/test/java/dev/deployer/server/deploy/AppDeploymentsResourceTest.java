package dev.deployer.server.deploy;

import static dev.deployer.server.testing.AuthenticatedResources.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeploymentSummary;
import dev.deployer.server.apps.AppDao;
import dev.deployer.server.apps.AppDaoTest;
import dev.deployer.server.apps.AppRemover;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.config.ConfigDao;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.config.ConfigVarsTest;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.secrets.SecretBox;
import dev.deployer.server.testing.AuthenticatedResources;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AppDeploymentsResourceTest {
    private static final AuthenticatedResources AUTH = new AuthenticatedResources();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final SecretBox BOX = new SecretBox(ConfigVarsTest.key());
    private static final ConfigVars VARS = new ConfigVars(AUTH.db.jdbi().onDemand(ConfigDao.class), BOX, CLOCK);
    private static final AppService APPS = new AppService(AUTH.db.jdbi().onDemand(AppDao.class), VARS, BOX,
            AppRemover.NONE, CLOCK);
    private static final DeploymentDao DAO = AUTH.db.jdbi().onDemand(DeploymentDao.class);
    /** Only the listing is used here: nothing is deployed, so the rollout's parts are absent. */
    private static final Deployments DEPLOYMENTS = new Deployments(APPS, null, AUTH.db.jdbi().onDemand(ReleaseDao.class), DAO,
            null, null, VARS, null, null, new AppLocks(AUTH.db.jdbi().onDemand(AppLockDao.class), "test-server", CLOCK), CLOCK);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<Long> BUSY;
    private static final long OTHER;
    private static final List<Long> NEWEST_FIRST;

    static {
        AppDaoTest.host(AUTH.db.jdbi(), "h1");
        for (String app : List.of("busy", "other", "quiet")) {
            APPS.create(AppRequest.create(app, List.of("h1")));
        }
        long busy = APPS.require("busy").id();
        long other = APPS.require("other").id();
        // interleaved with another app's, which must never show up in busy's list
        BUSY = LongStream.range(0, 25).mapToObj(i -> {
            long id = DAO.insert(busy, i % 5 == 0 ? "rollback" : "deploy", "main", "ci-" + i, T0.plusSeconds(60 * i));
            DAO.insert(other, "deploy", "main", "other", T0);
            if (i < 24) {
                DAO.finish(id, i % 3 == 0 ? "failed" : "succeeded", "why " + i, T0.plusSeconds(60 * i + 42));
            }
            return id;
        }).toList();
        OTHER = DAO.insert(other, "deploy", "main", "other", T0);
        NEWEST_FIRST = BUSY.stream().sorted(java.util.Comparator.reverseOrder()).toList();
    }

    static final ResourceExtension RESOURCES = AUTH.builder().addResource(new AppDeploymentsResource(APPS, DEPLOYMENTS)).build();

    /** {@code query}: "" or "?k=v&k=v". */
    private Response get(String token, String query) {
        jakarta.ws.rs.client.WebTarget target = RESOURCES.target("/api/apps/busy/deployments");
        for (String pair : query.isEmpty() ? new String[0] : query.substring(1).split("&")) {
            target = target.queryParam(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return target.request().header("Authorization", bearer(token)).get();
    }

    private List<DeploymentSummary> page(String query) {
        Response response = get(AUTH.viewer, query);
        assertThat(response.getStatus()).isEqualTo(200);
        return List.of(response.readEntity(DeploymentSummary[].class));
    }

    @Test
    void aViewerGetsTheNewestTwentyFirstThenOlderPagesByBefore() {
        List<DeploymentSummary> first = page("");
        assertThat(first).hasSize(20).extracting(DeploymentSummary::id)
                .containsExactlyElementsOf(NEWEST_FIRST.subList(0, 20));
        assertThat(first).extracting(DeploymentSummary::app).containsOnly("busy");

        List<DeploymentSummary> second = page("?before=" + first.get(19).id());
        assertThat(second).extracting(DeploymentSummary::id).containsExactlyElementsOf(NEWEST_FIRST.subList(20, 25));
        assertThat(page("?before=" + BUSY.get(0))).isEmpty();
        assertThat(page("?limit=3&before=" + BUSY.get(10))).extracting(DeploymentSummary::id)
                .containsExactly(BUSY.get(9), BUSY.get(8), BUSY.get(7));
        assertThat(page("?limit=100")).hasSize(25).extracting(DeploymentSummary::id).doesNotContain(OTHER);
    }

    @Test
    void eachCarriesKindStatusWhoWhenAndHowLongAndARunningOneNoEnd() {
        List<DeploymentSummary> newest = page("?limit=2");
        assertThat(newest.get(0)).satisfies(running -> {
            assertThat(running.status()).isEqualTo("queued");
            assertThat(running.finishedAt()).isNull();
            assertThat(running.took()).isNull();
            assertThat(running.createdBy()).isEqualTo("ci-24");
        });
        assertThat(newest.get(1)).satisfies(done -> {
            assertThat(done.kind()).isEqualTo("deploy");
            assertThat(done.status()).isEqualTo("succeeded");
            assertThat(done.reason()).isEqualTo("why 23");
            assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(60 * 23));
            assertThat(done.took()).hasSeconds(42);
            assertThat(done.version()).isNull();
        });
        assertThat(page("?limit=1&before=" + BUSY.get(21)).get(0)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo("rollback");
            assertThat(d.status()).isEqualTo("succeeded");
        });
    }

    @Test
    void anUnknownAppIs404AndAnAppWithNoneIsAnEmptyList() {
        Response missing = RESOURCES.target("/api/apps/nope/deployments").request()
                .header("Authorization", bearer(AUTH.viewer)).get();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.readEntity(String.class)).contains("\"code\":404").contains("nope");
        assertThat(RESOURCES.target("/api/apps/quiet/deployments").request().header("Authorization", bearer(AUTH.viewer))
                .get(DeploymentSummary[].class)).isEmpty();
    }

    @Test
    void aLimitOutsideOneToHundredOrABadNumberIs400AndNoTokenIs401() {
        for (String query : List.of("?limit=0", "?limit=101", "?limit=abc", "?before=0", "?before=x1", "?limit=99999999999999999999")) {
            Response response = get(AUTH.viewer, query);
            assertThat(response.getStatus()).as(query).isEqualTo(400);
            assertThat(response.readEntity(String.class)).as(query).contains("\"code\":400").containsAnyOf("limit", "before");
        }
        assertThat(RESOURCES.target("/api/apps/busy/deployments").request().get().getStatus()).isEqualTo(401);
    }
}
