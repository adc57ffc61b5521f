package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private static final String HOST = "{\"host\":\"%s\",\"activeState\":\"active\",\"version\":3,\"since\":\"2026-03-01T10:00:00Z\","
            + "\"drift\":false,\"error\":null,\"slots\":null,\"health\":{\"state\":\"%s\",\"detail\":\"%s\"}}";

    private final FakeApi api;

    StatusCommandTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void eachHostsHealthIsShownAndAnUnhealthyHostFailsTheCommand() {
        api.answer(200, "{\"app\":\"shop\",\"currentVersion\":3,\"hosts\":[" + HOST.formatted("web1", "healthy", "HTTP 200 from /health")
                + "," + HOST.formatted("web2", "unhealthy", "HTTP 503 from /health") + "]}");

        FakeApi.Result result = api.run("status", "shop");

        String[] lines = result.out().split("\\R");
        assertThat(lines[1]).matches("HOST +STATE +RUNS +SINCE +HEALTH +NOTE *");
        assertThat(lines[2]).matches("web1 +active +v3 +2026-03-01 \\d\\d:00:00 +healthy \\(HTTP 200 from /health\\) +-");
        assertThat(lines[3]).contains("unhealthy (HTTP 503 from /health)");
        assertThat(result.code()).as("a host whose health path answers 503 is not fine").isEqualTo(DeployerCli.FAILED);
    }

    @Test
    void allHealthyExitsZero() {
        api.answer(200, "{\"app\":\"shop\",\"currentVersion\":3,\"hosts\":[" + HOST.formatted("web1", "healthy", "HTTP 200 from /health")
                + "]}");

        assertThat(api.run("status", "shop").code()).isZero();
    }
}
