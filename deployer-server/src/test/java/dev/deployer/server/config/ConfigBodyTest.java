package dev.deployer.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigBodyTest {
    @Test
    void stringsSetAndNullsUnset() {
        ConfigBody body = ConfigBody.parse("{\"A\": \"x \\\"y\\\"\\n\", \"B\": null, \"C\": \"\"}");

        assertThat(body.set()).containsOnlyKeys("A", "C");
        assertThat(body.set().get("A").reveal()).isEqualTo("x \"y\"\n");
        assertThat(body.unset()).containsExactly("B");
    }

    @Test
    void malformedJsonIsRefusedWithoutQuotingTheBody() {
        assertThatThrownBy(() -> ConfigBody.parse("{\"PASSWORD\": hunter2}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConfigBody.parse("{\"PASSWORD\": \"hunter2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void otherShapesAreRefused() {
        assertThatThrownBy(() -> ConfigBody.parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ConfigBody.parse("")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ConfigBody.parse("{}")).hasMessageContaining("nothing to change");
        assertThatThrownBy(() -> ConfigBody.parse("{\"A\": 1}")).hasMessageContaining("JSON string");
        assertThatThrownBy(() -> ConfigBody.parse("{\"A\": \"1\", \"A\": \"2\"}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ConfigBody.parse("{\"a\": \"1\"}")).hasMessageContaining("config key");
    }
}
