package dev.deployer.server.apps;

import static dev.deployer.server.testing.AuthenticatedResources.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppInfo;
import dev.deployer.api.AppRequest;
import dev.deployer.api.AuditEntry;
import dev.deployer.server.audit.AuditDao;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.config.ConfigDao;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.config.ConfigVarsTest;
import dev.deployer.server.secrets.SecretBox;
import dev.deployer.server.testing.AuthenticatedResources;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AppsResourceTest {
    private static final AuthenticatedResources AUTH = new AuthenticatedResources();
    private static final SecretBox BOX = new SecretBox(ConfigVarsTest.key());
    private static final AuditLog AUDIT = new AuditLog(AUTH.db.jdbi().onDemand(AuditDao.class), Clock.systemUTC());
    private static final AppService APPS = new AppService(AUTH.db.jdbi().onDemand(AppDao.class),
            new ConfigVars(AUTH.db.jdbi().onDemand(ConfigDao.class), BOX, Clock.systemUTC()), BOX, AppRemover.NONE,
            Clock.systemUTC());

    static {
        AppDaoTest.host(AUTH.db.jdbi(), "h1");
    }

    static final ResourceExtension RESOURCES = AUTH.builder().addResource(new AppsResource(APPS, AUDIT)).build();

    private Invocation.Builder as(String token, String path) {
        return RESOURCES.target(path).request().header("Authorization", bearer(token));
    }

    @Test
    void adminCreatesAndGetsTheWebhookSecretOnlyInThatAnswer() {
        Response created = as(AUTH.admin, "/api/apps").post(Entity.json(AppRequest.create("shop", List.of("h1"))));

        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getLocation().getPath()).isEqualTo("/api/apps/shop");
        AppInfo info = created.readEntity(AppInfo.class);
        assertThat(info.webhookSecret()).hasSize(64);
        assertThat(info.webhookUrl()).endsWith("/hooks/shop");
        AppInfo shown = as(AUTH.viewer, "/api/apps/shop").get(AppInfo.class);
        assertThat(shown.webhookSecret()).isNull();
        assertThat(shown.hosts()).containsExactly("h1");
        assertThat(as(AUTH.viewer, "/api/apps").get(AppInfo[].class)).extracting(AppInfo::name).contains("shop");
        assertThat(AUDIT.latest(50)).extracting(AuditEntry::action, AuditEntry::target, AuditEntry::detail)
                .contains(org.assertj.core.groups.Tuple.tuple("app.create", "shop", "hosts h1; port 8080"));
    }

    @Test
    void onlyAdminsCreateChangeOrDelete() {
        as(AUTH.admin, "/api/apps").post(Entity.json(AppRequest.create("locked", List.of("h1")))).close();

        assertThat(as(AUTH.deployer, "/api/apps").post(Entity.json(AppRequest.create("x", List.of("h1")))).getStatus()).isEqualTo(403);
        assertThat(as(AUTH.deployer, "/api/apps/locked").method("PATCH", Entity.json(AppRequest.empty())).getStatus()).isEqualTo(403);
        assertThat(as(AUTH.deployer, "/api/apps/locked").delete().getStatus()).isEqualTo(403);
        assertThat(RESOURCES.target("/api/apps").request().get().getStatus()).isEqualTo(401);
    }

    @Test
    void patchAuditsTheNamesOfChangedFieldsAndDeleteHidesTheApp() {
        as(AUTH.admin, "/api/apps").post(Entity.json(AppRequest.create("temp", List.of("h1")))).close();

        AppInfo patched = as(AUTH.admin, "/api/apps/temp")
                .method("PATCH", Entity.json(AppRequest.empty().withRun(9000, "-Xmx64m", "/ready")), AppInfo.class);
        assertThat(patched.port()).isEqualTo(9000);
        assertThat(AUDIT.latest(1).get(0).detail()).isEqualTo("changed port, javaOptions, healthPath");

        assertThat(as(AUTH.admin, "/api/apps/temp").delete().getStatus()).isEqualTo(204);
        assertThat(as(AUTH.viewer, "/api/apps/temp").get().getStatus()).isEqualTo(404);
        assertThat(AUDIT.latest(1).get(0).detail()).isEqualTo("release history kept");
    }

    @Test
    void repoUrlCredentialsAreMaskedInEveryAnswerAndSendingTheMaskedUrlBackKeepsTheRealOne() {
        Response created = as(AUTH.admin, "/api/apps").post(Entity.json(AppRequest.create("private", List.of("h1"))
                .withRepo("https://dpl:glpat-s3cret@git.example.com/team/private.git", "main")));
        assertThat(created.readEntity(String.class)).contains("\"repoUrl\":\"https://dpl:***@git.example.com/team/private.git\"")
                .doesNotContain("s3cret");
        AppInfo shown = as(AUTH.viewer, "/api/apps/private").get(AppInfo.class);
        assertThat(shown.repoUrl()).isEqualTo("https://dpl:***@git.example.com/team/private.git");
        assertThat(as(AUTH.viewer, "/api/apps").get(String.class)).doesNotContain("s3cret");

        as(AUTH.admin, "/api/apps/private").method("PATCH", Entity.json(AppRequest.empty().withRepo(shown.repoUrl(), null))).close();

        assertThat(APPS.require("private").repoUrl()).isEqualTo("https://dpl:glpat-s3cret@git.example.com/team/private.git");
        assertThat(AUDIT.latest(1).get(0).detail()).isEqualTo("no change");
    }

    @Test
    void eachBadFieldIs400WithOneSentenceNamingIt() {
        as(AUTH.admin, "/api/apps").post(Entity.json(AppRequest.create("bounded", List.of("h1")))).close();
        java.util.Map<AppRequest, String> bad = new java.util.LinkedHashMap<>();
        bad.put(AppRequest.empty().withRun(80, null, null), "port must be between 1024 and 65535 (got 80)");
        bad.put(AppRequest.empty().withRun(null, "-Xmx1g; rm -rf /", null), "java options may not contain ';' (in '-Xmx1g;')");
        bad.put(AppRequest.empty().withRun(null, "-Xmx1g rm", null), "'rm' is not one");
        bad.put(AppRequest.empty().withRun(null, null, "health"), "health path must start with '/'");
        bad.put(AppRequest.empty().withRepo("ssh://git@host/x.git", null), "repo URL uses SSH");
        bad.put(AppRequest.empty().withRepo("/srv/x.git", null), "DEPLOYER_ALLOW_LOCAL_REPOS=true");
        bad.put(AppRequest.empty().withRepo(null, "a..b"), "branch must be a git branch name");
        bad.put(AppRequest.empty().withBuild(null, "../x.jar"), "artifact path must be relative");
        bad.put(AppRequest.empty().withBuild("x".repeat(2001), null), "build command is longer than 2000 characters");
        bad.put(AppRequest.empty().withHosts(java.util.Collections.nCopies(101, "h1")), "at most 100 hosts (got 101)");

        bad.forEach((request, message) -> {
            Response answer = as(AUTH.admin, "/api/apps/bounded").method("PATCH", Entity.json(request));
            assertThat(answer.getStatus()).as(message).isEqualTo(400);
            assertThat(answer.readEntity(dev.deployer.api.ApiError.class).message()).contains(message).doesNotContain("\n");
        });
        assertThat(APPS.require("bounded").port()).isEqualTo(8080);
    }

    @Test
    void badNamesAndUnknownHostsAre400WithAMessage() {
        Response badName = as(AUTH.viewer, "/api/apps/Bad_Name").get();
        assertThat(badName.getStatus()).isEqualTo(400);
        assertThat(badName.readEntity(String.class)).contains("\"code\":400").contains("lowercase letters");

        Response unknownHost = as(AUTH.admin, "/api/apps").post(Entity.json(AppRequest.create("web", List.of("ghost"))));
        assertThat(unknownHost.getStatus()).isEqualTo(400);
        assertThat(unknownHost.readEntity(String.class)).contains("no host named ghost");
    }

    @Test
    void aBadNameInThePathIs400ForChangeAndDeleteTooAndNothingIsAudited() {
        int audited = AUDIT.latest(500).size();

        Response patch = as(AUTH.admin, "/api/apps/Bad_Name").method("PATCH", Entity.json(AppRequest.empty()));
        Response delete = as(AUTH.admin, "/api/apps/root").delete();

        assertThat(patch.getStatus()).isEqualTo(400);
        assertThat(patch.readEntity(String.class)).contains("\"code\":400").contains("lowercase letters");
        assertThat(delete.getStatus()).isEqualTo(400);
        assertThat(delete.readEntity(String.class)).contains("is reserved");
        assertThat(AUDIT.latest(500)).hasSize(audited);
    }
}
