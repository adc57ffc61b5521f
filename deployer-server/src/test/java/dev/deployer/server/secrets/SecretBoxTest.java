package dev.deployer.server.secrets;

import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void sealedValueOpensToExactlyTheSameTextAndHidesIt() {
        SecretBox box = new SecretBox(key());
        String tricky = " quotes \" ' $HOME #x =y \\ \n ünïcødé ";

        String sealed = box.seal(Secret.of(tricky));

        assertThat(sealed).doesNotContain("quotes").startsWith("v1:");
        assertThat(box.open(sealed).reveal()).isEqualTo(tricky);
    }

    @Test
    void sameValueSealsDifferentlyEachTime() {
        SecretBox box = new SecretBox(key());
        assertThat(box.seal(Secret.of("same"))).isNotEqualTo(box.seal(Secret.of("same")));
    }

    @Test
    void valueSealedUnderAnotherKeyIsRefusedWithAHint() {
        String sealed = new SecretBox(key()).seal(Secret.of("x"));
        assertThatThrownBy(() -> new SecretBox(key()).open(sealed))
                .hasMessageContaining("DEPLOYER_MASTER_KEY")
                .hasMessageNotContaining("x\"");
    }

    @Test
    void secretNeverPrintsItsValue() {
        assertThat(Secret.of("hunter2").toString()).isEqualTo("[REDACTED]");
        assertThat(String.valueOf(java.util.Map.of("K", Secret.of("hunter2")))).doesNotContain("hunter2");
    }
}
