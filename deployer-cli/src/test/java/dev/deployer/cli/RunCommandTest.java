package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunCommandTest {
    private final FakeApi api;

    RunCommandTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String end(int exitCode, String message) {
        return event("end", "{\"host\":\"web1\",\"unit\":\"deployer-shop@run-x.service\",\"version\":3,\"exitCode\":" + exitCode
                + ",\"timedOut\":" + (exitCode == 124) + ",\"seconds\":1,\"droppedBytes\":0,\"message\":"
                + (message == null ? "null" : "\"" + message + "\"") + "}");
    }

    @Test
    void sendsTheWordsAfterTheSeparatorPrintsTheOutputAndExitsWithTheCommandsCode() {
        api.answer(200, event("notice", "{\"stream\":\"notice\",\"text\":\"running on web1 in v3\"}")
                + event("output", "{\"stream\":\"stdout\",\"text\":\"hello\\n\"}")
                + event("output", "{\"stream\":\"stderr\",\"text\":\"oops\\n\"}") + end(3, null));

        FakeApi.Result result = api.run("run", "shop", "--host", "web1", "--timeout", "2m", "--", "sh", "-c", "echo $X; exit 3");

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("hello\n");
        assertThat(result.err()).isEqualTo("deployer: running on web1 in v3\noops\n");
        assertThat(api.requests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.pathAndQuery()).isEqualTo("/api/apps/shop/run");
            assertThat(request.body()).isEqualTo("{\"command\":[\"sh\",\"-c\",\"echo $X; exit 3\"],\"host\":\"web1\",\"timeoutSeconds\":120}");
        });
    }

    @Test
    void aTimedOutRunSaysSoAndExits124QuietlyWithQ() {
        api.answer(200, event("notice", "{\"stream\":\"notice\",\"text\":\"running on web1 in v3\"}")
                + end(124, "stopped at its time limit of 3 s"));

        FakeApi.Result result = api.run("run", "shop", "-q", "--", "sleep", "60");

        assertThat(result.code()).isEqualTo(124);
        assertThat(result.err()).isEqualTo("deployer: stopped at its time limit of 3 s\n");
    }

    @Test
    void anAppWithoutAReleaseIsAClearFailure() {
        api.answer(409, "{\"code\":409,\"message\":\"app shop has no release yet: deploy it first (git push, or deployer deploy shop)\"}");

        FakeApi.Result result = api.run("run", "shop", "--", "true");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("app shop has no release yet: deploy it first");
    }

    @Test
    void aMissingCommandOrABadTimeoutIsUsage() {
        assertThat(api.run("run", "shop").code()).isEqualTo(2);
        assertThat(api.run("run", "shop", "--timeout", "2d", "--", "true").code()).isEqualTo(2);
        assertThat(api.run("run", "shop", "--timeout", "2h", "--", "true").err()).contains("at most 1h");
        assertThat(api.requests).isEmpty();
    }
}
