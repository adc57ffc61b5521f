package dev.deployer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words of these enums are stored in the database and sent to the CLI and web UI: they never change. */
class WireEnumsTest {
    private final ObjectMapper json = Json.mapper();

    @Test
    void everyConstantKeepsTheWordStoredAndSentToday() {
        assertThat(words(DeploymentStatus.values()))
                .containsExactly("queued", "building", "preparing", "deploying", "succeeded", "failed", "interrupted");
        assertThat(words(DeploymentKind.values())).containsExactly("deploy", "rollback", "config", "scale");
        assertThat(words(ReleaseStatus.values())).containsExactly("pending", "succeeded", "failed", "interrupted");
        assertThat(words(HostRolloutState.values()))
                .containsExactly("pending", "staging", "staged", "activating", "healthy", "reverted", "failed");
    }

    @Test
    void jsonCarriesTheLowerCaseWordBothWays() throws Exception {
        String text = json.writeValueAsString(Map.of("status", DeploymentStatus.SUCCEEDED));
        assertThat(text).isEqualTo("{\"status\":\"succeeded\"}");
        assertThat(json.readValue("\"rollback\"", DeploymentKind.class)).isEqualTo(DeploymentKind.ROLLBACK);
        assertThat(json.readValue("\"reverted\"", HostRolloutState.class)).isEqualTo(HostRolloutState.REVERTED);
    }

    @Test
    void anUnknownWordIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> ReleaseStatus.from("SUCCEEDED"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown release status 'SUCCEEDED': expected one of pending, succeeded, failed, interrupted");
        assertThatThrownBy(() -> DeploymentKind.from(null)).hasMessageStartingWith("unknown deployment kind 'null'");
        assertThatThrownBy(() -> json.readValue("\"running\"", DeploymentStatus.class))
                .hasMessageContaining("unknown deployment status 'running'");
    }

    @Test
    void isComparesWithTheWordAndMessagesPrintIt() {
        assertThat(DeploymentStatus.SUCCEEDED.is("succeeded")).isTrue();
        assertThat(DeploymentStatus.SUCCEEDED.is("SUCCEEDED")).isFalse();
        assertThat(DeploymentStatus.SUCCEEDED.is(null)).isFalse();
        assertThat(DeploymentStatus.FAILED + ": reason").isEqualTo("failed: reason");
    }

    private static List<String> words(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Object::toString).toList();
    }
}
