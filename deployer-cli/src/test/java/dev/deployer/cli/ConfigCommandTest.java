package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigCommandTest {
    private static final String CHANGED = "{\"set\":[\"A\",\"B\"],\"unset\":[],\"restart\":false,\"vars\":[]}";

    private final FakeApi api;

    ConfigCommandTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void setSendsEachValueExactlyAsGivenAndNeverPrintsIt() {
        api.answer(200, CHANGED);

        FakeApi.Result result = api.run("config", "set", "web", "A=1", "B= x = \"y\" $Z \n", "--no-restart");

        assertThat(result.code()).isZero();
        assertThat(api.requests).containsExactly(new FakeApi.Request("PUT", "/api/apps/web/config?restart=false",
                "{\"A\":\"1\",\"B\":\" x = \\\"y\\\" $Z \\n\"}"));
        assertThat(result.out()).contains("Set A, B on web (values hidden)").contains("Not restarted").doesNotContain("$Z");
    }

    @Test
    void unsetSendsNullsAndRestartsByDefault() {
        api.answer(200, "{\"set\":[],\"unset\":[\"OLD\"],\"restart\":true,\"vars\":[]}");

        FakeApi.Result result = api.run("config", "unset", "web", "OLD", "GONE");

        assertThat(result.code()).isZero();
        assertThat(api.requests).containsExactly(new FakeApi.Request("PUT", "/api/apps/web/config",
                "{\"OLD\":null,\"GONE\":null}"));
        assertThat(result.out()).contains("Unset OLD on web");
    }

    @Test
    void badAppNamesKeysAndAssignmentsExitTwoBeforeAnyRequest() {
        assertThat(api.run("config", "set", "Web", "A=1").code()).isEqualTo(2);
        assertThat(api.run("config", "set", "web", "lower=1").code()).isEqualTo(2);
        assertThat(api.run("config", "set", "web", "NOEQUALS").err()).contains("KEY=VALUE");
        assertThat(api.run("config", "set", "web", "A=1", "A=2").code()).isEqualTo(2);
        assertThat(api.run("config", "unset", "web", "A-B").code()).isEqualTo(2);
        assertThat(api.run("config").code()).isEqualTo(2);
        assertThat(api.requests).isEmpty();
    }

    @Test
    void listShowsMaskedValuesOrJson() {
        api.answer(200, "[{\"key\":\"API_KEY\",\"masked\":\"********\",\"updatedAt\":\"2026-01-02T03:04:05Z\"}]");

        assertThat(api.run("config", "web").out()).contains("API_KEY").contains("********");
        assertThat(api.run("config", "web", "--json").out()).contains("\"key\" : \"API_KEY\"");
        assertThat(api.requests).extracting(FakeApi.Request::pathAndQuery).containsOnly("/api/apps/web/config");
    }

    @Test
    void serverRefusalIsExitTwoAndItsMessageIsShown() {
        api.answer(400, "{\"code\":400,\"message\":\"PORT is set from the app's port\"}");

        FakeApi.Result result = api.run("config", "set", "web", "PORT=1");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: PORT is set from the app's port\n");
    }

    private static final String RESTARTING = "{\"set\":[\"A\"],\"unset\":[],\"restart\":true,\"vars\":[],"
            + "\"deployment\":{\"id\":42,\"app\":\"web\",\"kind\":\"config\",\"status\":\"waiting\",\"hosts\":[]}}";

    @Test
    void setFollowsTheDeploymentTheChangeStartedAndExitsWithItsOutcome() {
        api.answer(200, RESTARTING).answer("/api/deployments/42/events", 200, "text/event-stream",
                "event: event\ndata: {\"id\":1,\"deployment\":42,\"at\":\"2026-01-02T03:04:05Z\",\"step\":\"restart\","
                        + "\"outcome\":\"ok\",\"host\":\"h1\",\"message\":\"deployer-web.service restarted\"}\n\n"
                        + "event: end\ndata: {\"id\":42,\"app\":\"web\",\"version\":5,\"kind\":\"config\","
                        + "\"status\":\"failed\",\"reason\":\"h1: health check failed\",\"hosts\":[]}\n\n");

        FakeApi.Result result = api.run("config", "set", "web", "A=1");

        assertThat(result.code()).as(result.err()).isEqualTo(1);
        assertThat(api.requests).extracting(FakeApi.Request::pathAndQuery)
                .containsExactly("/api/apps/web/config", "/api/deployments/42/events");
        assertThat(result.out()).contains("Set A on web (values hidden). Deployment 42 makes a new release")
                .contains("deployer-web.service restarted").contains("deployment 42 failed: h1: health check failed");
    }

    @Test
    void detachOrJsonPrintTheDeploymentWithoutFollowingIt() {
        api.answer(200, RESTARTING);

        FakeApi.Result detached = api.run("config", "unset", "web", "A", "--detach");
        FakeApi.Result json = api.run("config", "set", "web", "A=1", "--json");

        assertThat(detached.code()).isZero();
        assertThat(detached.out()).contains("deployment 42 started, not followed");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"deployment\" : {").contains("\"id\" : 42");
        assertThat(api.requests).extracting(FakeApi.Request::pathAndQuery).containsOnly("/api/apps/web/config");
    }
}
