package dev.deployer.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigValueTest {
    @Test
    void anyUnicodeTextIsAccepted() {
        assertThat(ConfigValue.accept("K", " \"'$#=\\\n\t☃🚀 ").reveal()).isEqualTo(" \"'$#=\\\n\t☃🚀 ");
        assertThat(ConfigValue.accept("K", "").reveal()).isEmpty();
    }

    @Test
    void whatNoEnvironmentCanHoldIsRefusedNamingTheKeyNotTheValue() {
        assertThatThrownBy(() -> ConfigValue.accept("K", "hunter2\0")).hasMessageContaining("K").hasMessageContaining("NUL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConfigValue.accept("K", "hunter2\uD800")).hasMessageContaining("surrogate")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConfigValue.accept("K", "é".repeat(ConfigValue.MAX_BYTES / 2 + 1)))
                .hasMessageContaining("32768");
        assertThatThrownBy(() -> ConfigValue.accept("K", null)).hasMessageContaining("missing");
    }
}
