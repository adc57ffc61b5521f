package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeploymentsCommandTest {
    private static final String RUNNING = "{\"id\":12,\"app\":\"shop\",\"version\":null,\"kind\":\"deploy\",\"ref\":\"main\","
            + "\"status\":\"running\",\"reason\":null,\"createdBy\":\"ann\",\"startedAt\":\"2026-03-01T10:05:00Z\",\"finishedAt\":null}";
    private static final String DONE = "{\"id\":11,\"app\":\"shop\",\"version\":7,\"kind\":\"rollback\",\"ref\":null,"
            + "\"status\":\"succeeded\",\"reason\":\"v7 is current\",\"createdBy\":\"bob\",\"startedAt\":\"2026-03-01T10:00:00Z\","
            + "\"finishedAt\":\"2026-03-01T10:03:05Z\"}";

    private final FakeApi api;

    DeploymentsCommandTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void printsATableNewestFirstWithWhoAndHowLong() {
        api.answer(200, "[" + RUNNING + "," + DONE + "]");

        FakeApi.Result result = api.run("deployments", "shop");

        assertThat(result.code()).isZero();
        assertThat(api.requests).extracting(FakeApi.Request::pathAndQuery).containsExactly("/api/apps/shop/deployments?limit=20");
        String[] lines = result.out().split("\\R");
        assertThat(lines[0]).matches("ID +KIND +VERSION +STATUS +BY +STARTED +TOOK");
        assertThat(lines[1]).matches("12 +deploy +- +running +ann +2026-03-01 \\d\\d:05:00 +-");
        assertThat(lines[2]).matches("11 +rollback +v7 +succeeded +bob +2026-03-01 \\d\\d:00:00 +3m05s");
        assertThat(result.err()).isEmpty(); // a short page is the last: no hint of an older one
    }

    @Test
    void aFullPageSaysHowToGetTheNextAndLimitAndBeforeAreSent() {
        api.answer(200, "[" + RUNNING + "," + DONE + "]");

        FakeApi.Result result = api.run("deployments", "shop", "-n", "2", "--before", "13");

        assertThat(api.requests.get(0).pathAndQuery()).isEqualTo("/api/apps/shop/deployments?limit=2&before=13");
        assertThat(result.err()).contains("deployer deployments shop --before 11 -n 2");
    }

    @Test
    void jsonIsTheApisOwnAndNoneIsSaidPlainly() {
        api.answer(200, "[" + DONE + "]");
        assertThat(api.run("deployments", "shop", "--json").out()).contains("\"id\" : 11", "\"kind\" : \"rollback\"");

        api.answer(200, "[]");
        assertThat(api.run("deployments", "shop").out()).contains("No deployments yet").contains("deployer deploy shop");
    }

    @Test
    void anUnknownAppIsExitTwoAndABadLimitIsRefusedBeforeAnyRequest() {
        api.answer(404, "{\"code\":404,\"message\":\"no app named 'nope'\"}");
        FakeApi.Result missing = api.run("deployments", "nope");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: no app named 'nope'" + System.lineSeparator());

        int before = api.requests.size();
        assertThat(api.run("deployments", "shop", "-n", "101").code()).isEqualTo(2);
        assertThat(api.run("deployments", "Shop").code()).isEqualTo(2);
        assertThat(api.requests).hasSize(before);
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(DeploymentsCommand.took(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(DeploymentsCommand.took(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(DeploymentsCommand.took(Duration.ofMinutes(62))).isEqualTo("1h02m");
        assertThat(DeploymentsCommand.took(null)).isEmpty();
    }
}
