package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {
    private static String render(Map<String, Secret> vars, int port) {
        return new String(EnvFile.render(vars, port), StandardCharsets.UTF_8);
    }

    @Test
    void portAlwaysComesFirstThenTheVarsInKeyOrder() {
        assertThat(render(Map.of("ZED", Secret.of("z"), "ALPHA", Secret.of("a")), 9000)).isEqualTo("""
                # Written by deployer: edits here are overwritten by the next release.
                PORT="9000"
                ALPHA="a"
                ZED="z"
                """);
    }

    @Test
    void noVarsStillGivesPort() {
        assertThat(render(Map.of(), 8080)).endsWith("\nPORT=\"8080\"\n");
    }

    @Test
    void onlyBackslashAndDoubleQuoteAreEscapedEverythingElseIsLiteralInsideDoubleQuotes() {
        Map<String, Secret> vars = Map.of(
                "QUOTES", Secret.of("say \"hi\" and 'bye'"),
                "DOLLAR", Secret.of("$HOME ${PATH} $(id) `id`"),
                "HASH", Secret.of("#not a comment ;nor this"),
                "EQUALS", Secret.of("a=b=c"),
                "BACKSLASH", Secret.of("C:\\dir\\n \\\" \\$ \\"),
                "SPACES", Secret.of("  padded  "),
                "NEWLINES", Secret.of("line1\nline2\r\n\n"),
                "UNICODE", Secret.of("ünïcødé ☃ 日本 🚀"),
                "EMPTY", Secret.of(""));
        assertThat(render(vars, 80)).isEqualTo("# Written by deployer: edits here are overwritten by the next release.\n"
                + "PORT=\"80\"\n"
                + "BACKSLASH=\"C:\\\\dir\\\\n \\\\\\\" \\\\$ \\\\\"\n"
                + "DOLLAR=\"$HOME ${PATH} $(id) `id`\"\n"
                + "EMPTY=\"\"\n"
                + "EQUALS=\"a=b=c\"\n"
                + "HASH=\"#not a comment ;nor this\"\n"
                + "NEWLINES=\"line1\nline2\r\n\n\"\n"
                + "QUOTES=\"say \\\"hi\\\" and 'bye'\"\n"
                + "SPACES=\"  padded  \"\n"
                + "UNICODE=\"ünïcødé ☃ 日本 🚀\"\n");
    }

    @Test
    void fileIsUtf8() {
        assertThat(EnvFile.render(Map.of("U", Secret.of("é")), 1)).endsWith(new byte[] {'U', '=', '"', (byte) 0xC3, (byte) 0xA9, '"', '\n'});
    }

    @Test
    void portAmongTheVarsIsRefusedBecauseItComesFromTheAppsPort() {
        assertThatThrownBy(() -> EnvFile.render(Map.of("PORT", Secret.of("1")), 80)).hasMessageContaining("port setting");
    }

    @Test
    void badKeyOrNulValueIsRefusedWithoutShowingTheValue() {
        assertThatThrownBy(() -> EnvFile.render(Map.of("bad key", Secret.of("x")), 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnvFile.render(Map.of("K", Secret.of("hunter2\0")), 80))
                .hasMessageContaining("K").hasMessageNotContaining("hunter2");
    }
}
