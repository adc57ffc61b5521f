package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompletionCommandTest {
    private final FakeApi api;

    CompletionCommandTest() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void bashScriptCompletesTheCommandTreeWithoutAskingTheServer() {
        FakeApi.Result result = api.run("completion", "bash");

        assertThat(result.code()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_deployer", "deployer")
                .contains("deploy", "rollback", "releases", "logs", "completion");
        assertThat(result.out()).containsPattern("function _picocli_deployer_hosts_add\\(\\)");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void zshScriptLoadsBashcompinitFirst() {
        FakeApi.Result result = api.run("completion", "zsh");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("autoload -U +X bashcompinit && bashcompinit", "complete -F _complete_deployer");
        assertThat(result.out().indexOf("bashcompinit")).isLessThan(result.out().indexOf("complete -F _complete_deployer"));
    }

    @Test
    void anotherShellIsBadUsage() {
        FakeApi.Result result = api.run("completion", "fish");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("bash, zsh").contains("deployer completion --help");
        assertThat(result.out()).isEmpty();
    }
}
