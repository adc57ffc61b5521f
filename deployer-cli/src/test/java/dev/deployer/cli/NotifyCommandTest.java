package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifyCommandTest {
    private static final String ADDED = "{\"id\":3,\"app\":\"web\",\"format\":\"slack\",\"events\":[\"started\",\"succeeded\","
            + "\"failed\"],\"masked\":\"https://hooks.slack.com/…\",\"createdBy\":\"admin\",\"createdAt\":\"2026-01-02T03:04:05Z\"}";

    private final FakeApi api;

    NotifyCommandTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void addSendsTheUrlOnceAndPrintsOnlyItsMaskedForm() {
        api.answer(201, ADDED);

        FakeApi.Result result = api.run("notify", "add", "web", "https://hooks.slack.com/services/T0/B0/tok3n", "--slack");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(api.requests).containsExactly(new FakeApi.Request("POST", "/api/apps/web/notifications",
                "{\"url\":\"https://hooks.slack.com/services/T0/B0/tok3n\",\"format\":\"slack\",\"events\":null}"));
        assertThat(result.out()).contains("Added webhook 3 (slack, https://hooks.slack.com/…) to web")
                .doesNotContain("tok3n");
    }

    @Test
    void addPassesTheChosenEvents() {
        api.answer(201, ADDED);

        api.run("notify", "add", "web", "https://ci.example.com/h", "--events", "failed,succeeded");

        assertThat(api.requests.get(0).body()).isEqualTo("{\"url\":\"https://ci.example.com/h\",\"format\":\"json\","
                + "\"events\":[\"failed\",\"succeeded\"]}");
    }

    @Test
    void listShowsIdFormatEventsAndMaskedUrlOrJson() {
        api.answer(200, "[" + ADDED + "]");

        assertThat(api.run("notify", "web").out()).contains("3", "slack", "started,succeeded,failed", "https://hooks.slack.com/…");
        assertThat(api.run("notify", "web", "--json").out()).contains("\"masked\" : \"https://hooks.slack.com/…\"");
        assertThat(api.requests).extracting(FakeApi.Request::pathAndQuery).containsOnly("/api/apps/web/notifications");
    }

    @Test
    void removeDeletesById() {
        api.answer(204, "");

        FakeApi.Result result = api.run("notify", "remove", "web", "3");

        assertThat(result.code()).isZero();
        assertThat(api.requests).containsExactly(new FakeApi.Request("DELETE", "/api/apps/web/notifications/3", ""));
        assertThat(result.out()).contains("Removed webhook 3 from web.");
    }

    @Test
    void aServerRefusalOfTheUrlIsExitTwoWithItsSentence() {
        api.answer(400, "{\"code\":400,\"message\":\"a webhook URL must start with http:// or https://\"}");

        FakeApi.Result result = api.run("notify", "add", "web", "ftp://example.com/x");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: a webhook URL must start with http:// or https://\n");
    }

    @Test
    void badAppNameOrMissingAppExitsTwoBeforeAnyRequest() {
        assertThat(api.run("notify", "Web").code()).isEqualTo(2);
        assertThat(api.run("notify").code()).isEqualTo(2);
        assertThat(api.run("notify", "remove", "web", "x").code()).isEqualTo(2);
        assertThat(api.requests).isEmpty();
    }
}
