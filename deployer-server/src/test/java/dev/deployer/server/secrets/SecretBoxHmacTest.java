package dev.deployer.server.secrets;

import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBoxHmacTest {
    @Test
    void hmacSha256MatchesRfc4231TestCase2() {
        byte[] mac = SecretBox.hmacSha256(Secret.of("Jefe"), "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));

        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
