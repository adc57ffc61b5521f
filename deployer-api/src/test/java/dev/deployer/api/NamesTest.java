package dev.deployer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "web", "billing-api", "a1", "abcdefghijklmnopqrstuvwxyz0123"})
    void appNameAcceptsLowercaseLettersDigitsAndDashes(String name) {
        assertThat(Names.appName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1web", "-web", "Web", "web_api", "web.api", "web api", "../etc", "web;rm",
            "abcdefghijklmnopqrstuvwxyz01234", "wéb", "web\n", "root'"})
    void appNameRejectsEverythingElse(String name) {
        assertThatThrownBy(() -> Names.appName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lowercase letters")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "daemon", "bin", "sys", "nobody"})
    void appNameRejectsSystemAccountsBecauseTheAppRunsAsThatUser(String name) {
        assertThatThrownBy(() -> Names.appName(name)).hasMessageContaining("reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PORT", "DATABASE_URL", "_HIDDEN", "A1", "X"})
    void configKeyAcceptsShellStyleUppercaseNames(String key) {
        assertThat(Names.configKey(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1ABC", "lower", "A-B", "A B", "A=B", "A.B", "ÄB", "A\nB"})
    void configKeyRejectsEverythingElse(String key) {
        assertThatThrownBy(() -> Names.configKey(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uppercase letters")
                .hasMessageNotContaining("\n");
    }

    @org.junit.jupiter.api.Test
    void nullAndOverlongAreRejected() {
        assertThatThrownBy(() -> Names.appName(null)).hasMessageContaining("(none)");
        assertThatThrownBy(() -> Names.configKey("A".repeat(256))).hasMessageContaining("up to 255");
        assertThat(Names.configKey("A".repeat(255))).hasSize(255);
    }
}
