package dev.deployer.server.config;

import dev.deployer.server.secrets.SecretBox;
import static dev.deployer.server.testing.AuthenticatedResources.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.ConfigChange;
import dev.deployer.api.ConfigVarInfo;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.server.apps.AppDao;
import dev.deployer.server.apps.AppDaoTest;
import dev.deployer.server.apps.AppRemover;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.audit.AuditDao;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.testing.AuthenticatedResources;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigResourceTest {
    private static final String PLAIN = "hunter2-plain-value";
    private static final AuthenticatedResources AUTH = new AuthenticatedResources();
    private static final SecretBox BOX = new SecretBox(ConfigVarsTest.key());
    private static final AuditLog AUDIT = new AuditLog(AUTH.db.jdbi().onDemand(AuditDao.class), Clock.systemUTC());
    private static final ConfigVars VARS = new ConfigVars(AUTH.db.jdbi().onDemand(ConfigDao.class), BOX, Clock.systemUTC());
    private static final AppService APPS = new AppService(AUTH.db.jdbi().onDemand(AppDao.class), VARS, BOX,
            AppRemover.NONE, Clock.systemUTC());
    private static final List<String> CHANGES = new CopyOnWriteArrayList<>();
    private static final List<String> KEYS = new CopyOnWriteArrayList<>();
    /** What the deploy engine answers for a config change of app "restarted". */
    private static final DeploymentInfo STARTED = new DeploymentInfo(77, "restarted", null, "config", null, "waiting", null,
            "deployer-token", Instant.parse("2026-01-02T03:04:05Z"), null, List.of());

    static {
        AppDaoTest.host(AUTH.db.jdbi(), "h1");
        for (String app : List.of("api", "quiet", "strict", "viewed", "keyed", "restarted")) {
            APPS.create(AppRequest.create(app, List.of("h1")));
        }
    }

    static final ResourceExtension RESOURCES = AUTH.builder()
            .addResource(new ConfigResource(APPS, VARS,
                    (app, caller, keys, restart) -> {
                        CHANGES.add(app.name() + " by " + caller.name() + " restart=" + restart);
                        KEYS.add(app.name() + " " + keys);
                        return restart && app.name().equals("restarted") ? Optional.of(STARTED) : Optional.empty();
                    }, AUDIT))
            .build();

    private Invocation.Builder as(String token, String path) {
        return RESOURCES.target(path).request().header("Authorization", bearer(token));
    }

    @Test
    void deployerSetsValuesThatNoAnswerOrAuditEntryEverShows() {
        Response put = as(AUTH.deployer, "/api/apps/api/config")
                .put(Entity.json("{\"API_KEY\": \"" + PLAIN + "\", \"MULTI\": \"a\\nb \\\"q\\\" $X\"}"));

        String body = put.readEntity(String.class);
        assertThat(put.getStatus()).isEqualTo(200);
        assertThat(body).doesNotContain(PLAIN).contains("\"set\":[\"API_KEY\",\"MULTI\"]").contains(ConfigVars.MASK);
        assertThat(CHANGES).contains("api by deployer-token restart=true");
        assertThat(AUDIT.latest(1).get(0)).satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("config.set");
            assertThat(entry.actor()).isEqualTo("deployer-token");
            assertThat(entry.detail()).isEqualTo("set API_KEY, MULTI");
        });
        long id = APPS.require("api").id();
        assertThat(VARS.current(id).get("API_KEY").reveal()).isEqualTo(PLAIN);
        assertThat(VARS.current(id).get("MULTI").reveal()).isEqualTo("a\nb \"q\" $X");
    }

    @Test
    void viewerSeesKeysWithMaskedValuesAndMayNotChangeThem() {
        as(AUTH.deployer, "/api/apps/viewed/config").put(Entity.json("{\"TOKEN\": \"" + PLAIN + "\"}")).close();

        ConfigVarInfo[] vars = as(AUTH.viewer, "/api/apps/viewed/config").get(ConfigVarInfo[].class);
        assertThat(vars).extracting(ConfigVarInfo::key, ConfigVarInfo::masked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TOKEN", "********"));
        assertThat(as(AUTH.viewer, "/api/apps/viewed/config").get(String.class)).doesNotContain(PLAIN);
        assertThat(as(AUTH.viewer, "/api/apps/viewed/config").put(Entity.json("{\"TOKEN\": \"x\"}")).getStatus()).isEqualTo(403);
    }

    @Test
    void restartFalseIsPassedOnAndUnsetOrSameValueChangesNothingTwice() {
        RESOURCES.target("/api/apps/quiet/config").queryParam("restart", "false").request()
                .header("Authorization", bearer(AUTH.deployer)).put(Entity.json("{\"A\": \"1\"}")).close();
        assertThat(CHANGES).contains("quiet by deployer-token restart=false");
        assertThat(AUDIT.latest(1).get(0).detail()).isEqualTo("set A; no restart");
        int before = CHANGES.size();

        ConfigChange same = as(AUTH.deployer, "/api/apps/quiet/config").put(Entity.json("{\"A\": \"1\", \"GONE\": null}"),
                ConfigChange.class);

        assertThat(same.set()).isEmpty();
        assertThat(same.unset()).isEmpty();
        assertThat(CHANGES).hasSize(before);
        ConfigChange unset = as(AUTH.deployer, "/api/apps/quiet/config").put(Entity.json("{\"A\": null}"), ConfigChange.class);
        assertThat(unset.unset()).containsExactly("A");
        assertThat(unset.vars()).isEmpty();
    }

    @Test
    void badBodiesAreRefusedWithoutEchoingAValue() {
        assertThat(refusal("{\"PASSWORD\": " + PLAIN + "}")).contains("not valid JSON").doesNotContain(PLAIN);
        assertThat(refusal("{\"PORT\": \"9000\"}")).contains("--port");
        assertThat(refusal("{\"lower\": \"" + PLAIN + "\"}")).contains("config key").doesNotContain(PLAIN);
        assertThat(refusal("{\"K\": \"" + PLAIN + "\\u0000\"}")).contains("NUL").doesNotContain(PLAIN);
        assertThat(as(AUTH.deployer, "/api/apps/nope/config").put(Entity.json("{\"A\": \"1\"}")).getStatus()).isEqualTo(404);
    }

    private String refusal(String json) {
        Response response = as(AUTH.deployer, "/api/apps/strict/config").put(Entity.json(json));
        assertThat(response.getStatus()).isEqualTo(400);
        return response.readEntity(String.class);
    }

    @Test
    void theListenerIsToldTheKeysSetAndUnsetButNoValue() {
        as(AUTH.deployer, "/api/apps/keyed/config").put(Entity.json("{\"B_KEY\": \"" + PLAIN + "\", \"A_KEY\": \"x\"}")).close();
        Response unset = as(AUTH.deployer, "/api/apps/keyed/config").put(Entity.json("{\"A_KEY\": null, \"C_KEY\": \"y\"}"));

        assertThat(unset.getStatus()).isEqualTo(200);
        assertThat(KEYS).containsSubsequence("keyed [A_KEY, B_KEY]", "keyed [A_KEY, C_KEY]");
        assertThat(String.join(" ", KEYS)).doesNotContain(PLAIN);
    }

    @Test
    void aChangeThatStartsADeploymentAnswersWithItAndOneThatDoesNotSaysNull() {
        ConfigChange restarted = as(AUTH.deployer, "/api/apps/restarted/config").put(Entity.json("{\"A\": \"1\"}"),
                ConfigChange.class);
        ConfigChange stored = RESOURCES.target("/api/apps/restarted/config").queryParam("restart", "false").request()
                .header("Authorization", bearer(AUTH.deployer)).put(Entity.json("{\"A\": \"2\"}"), ConfigChange.class);
        String unchanged = as(AUTH.deployer, "/api/apps/restarted/config").put(Entity.json("{\"A\": \"2\"}"), String.class);

        assertThat(restarted.set()).containsExactly("A");
        assertThat(restarted.deployment()).isEqualTo(STARTED);
        assertThat(stored.deployment()).isNull();
        assertThat(unchanged).contains("\"set\":[]").contains("\"deployment\":null");
    }
}
