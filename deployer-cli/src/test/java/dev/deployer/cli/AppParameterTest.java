package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppParameterTest {
    private static final String DONE = "{\"id\":5,\"app\":\"web\",\"kind\":\"deploy\",\"status\":\"succeeded\",\"reason\":\"ok\"}";

    private final FakeApi api;

    AppParameterTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy", "rollback", "status", "ps", "releases", "logs", "remote", "apps show", "apps delete",
            "config set Bad_Name A=1", "config unset Bad_Name A"})
    void aBadAppNameIsExitTwoWithTheRuleAndNothingIsSent(String command) {
        String[] words = command.contains("Bad_Name") ? command.split(" ") : (command + " Bad_Name").split(" ");

        FakeApi.Result result = api.run(words);

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: app name 'Bad_Name' is not valid: use 1-30 lowercase letters, "
                + "digits and '-', starting with a letter\n");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void aGoodAppNameIsSentAsIs() {
        api.answer(200, "[]");
        assertThat(api.run("releases", "billing-api").code()).isZero();
        assertThat(api.requests).extracting(FakeApi.Request::pathAndQuery).containsExactly("/api/apps/billing-api/releases");
    }

    @Test
    void waitAsksTheServerToQueueTheDeployOrRollback() {
        api.answer(200, DONE);
        assertThat(api.run("deploy", "web", "--wait", "--detach").code()).isZero();
        assertThat(api.run("deploy", "web", "--detach").code()).isZero();
        assertThat(api.run("rollback", "web", "v3", "--wait").code()).isZero();

        assertThat(api.requests).filteredOn(r -> r.method().equals("POST")).extracting(FakeApi.Request::body).containsExactly(
                "{\"ref\":null,\"wait\":true}", "{\"ref\":null,\"wait\":false}", "{\"version\":3,\"wait\":true}");
    }
}
