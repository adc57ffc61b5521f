package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppsCommandTest {
    private static final String APP = "{\"name\":\"web\",\"hosts\":[\"h1\",\"h2\"],\"port\":9000,\"branch\":\"main\","
            + "\"javaOptions\":\"-Xmx1g\",\"javaVersion\":17,\"healthTimeoutSeconds\":60,\"buildTimeoutSeconds\":900,"
            + "\"keepReleases\":5,\"webhookUrl\":\"http://s/hooks/web\",\"webhookSecret\":\"abc123\","
            + "\"createdAt\":\"2026-01-02T03:04:05Z\"}";

    private final FakeApi api;

    AppsCommandTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createSendsOnlyWhatWasGivenAndPrintsTheWebhookSecretOnce() {
        api.answer(201, APP);

        FakeApi.Result result = api.run("apps", "create", "web", "--hosts", "h1,h2", "--port", "9000", "--java-opts=-Xmx1g",
                "--health", "/health");

        assertThat(result.code()).isZero();
        assertThat(api.requests.get(0).method()).isEqualTo("POST");
        assertThat(api.requests.get(0).pathAndQuery()).isEqualTo("/api/apps");
        assertThat(api.requests.get(0).body()).contains("\"name\":\"web\"", "\"hosts\":[\"h1\",\"h2\"]", "\"port\":9000",
                "\"javaOptions\":\"-Xmx1g\"", "\"healthPath\":\"/health\"", "\"repoUrl\":null");
        assertThat(result.out()).contains("Created app web on h1, h2").contains("abc123").contains("http://s/hooks/web");
    }

    @Test
    void updateSendsAPatchAndDeleteAsksForPurgeOnlyWhenTold() {
        api.answer(200, APP.replace("\"webhookSecret\":\"abc123\"", "\"webhookSecret\":null"));
        assertThat(api.run("apps", "update", "web", "--keep", "3", "--health", "").code()).isZero();
        assertThat(api.requests.get(0).method()).isEqualTo("PATCH");
        assertThat(api.requests.get(0).body()).contains("\"keepReleases\":3", "\"healthPath\":\"\"", "\"hosts\":null");

        api.answer(204, "");
        assertThat(api.run("apps", "delete", "web").out()).contains("release history is kept");
        assertThat(api.run("apps", "delete", "web", "--purge").code()).isZero();
        assertThat(api.requests).extracting(FakeApi.Request::method, FakeApi.Request::pathAndQuery).containsSequence(
                org.assertj.core.groups.Tuple.tuple("DELETE", "/api/apps/web"),
                org.assertj.core.groups.Tuple.tuple("DELETE", "/api/apps/web?purge=true"));
    }

    @Test
    void listIsATableOrJson() {
        api.answer(200, "[" + APP + "]");

        assertThat(api.run("apps").out()).contains("NAME").contains("web").contains("h1,h2");
        assertThat(api.run("apps", "--json").out()).contains("\"name\" : \"web\"");
    }

    @Test
    void badNameOrMissingHostsExitTwoBeforeAnyRequest() {
        assertThat(api.run("apps", "create", "Web", "--hosts", "h1").code()).isEqualTo(2);
        assertThat(api.run("apps", "create", "web").err()).contains("--hosts");
        assertThat(api.run("apps", "show", "../x").code()).isEqualTo(2);
        assertThat(api.run("apps", "delete", "root").code()).isEqualTo(2);
        assertThat(api.requests).isEmpty();
    }
}
