package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellTest {
    @Test
    void plainWordIsSingleQuoted() {
        assertThat(Shell.quote("app.jar")).isEqualTo("'app.jar'");
    }

    @Test
    void emptyWordStaysAnArgument() {
        assertThat(Shell.quote("")).isEqualTo("''");
    }

    @Test
    void singleQuoteIsClosedEscapedAndReopened() {
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(Shell.quote("'")).isEqualTo("''\\'''");
        assertThat(Shell.quote("''")).isEqualTo("''\\'''\\'''");
    }

    @Test
    void shellMetacharactersStayInsideQuotes() {
        assertThat(Shell.quote("$HOME")).isEqualTo("'$HOME'");
        assertThat(Shell.quote("`reboot`")).isEqualTo("'`reboot`'");
        assertThat(Shell.quote("$(rm -rf /)")).isEqualTo("'$(rm -rf /)'");
        assertThat(Shell.quote("a; rm -rf /")).isEqualTo("'a; rm -rf /'");
        assertThat(Shell.quote("a && b || c | d > e < f & g")).isEqualTo("'a && b || c | d > e < f & g'");
        assertThat(Shell.quote("*.jar ?x [ab] {a,b} ~root")).isEqualTo("'*.jar ?x [ab] {a,b} ~root'");
        assertThat(Shell.quote("back\\slash \"double\"")).isEqualTo("'back\\slash \"double\"'");
        assertThat(Shell.quote("#comment")).isEqualTo("'#comment'");
    }

    @Test
    void newlinesAndTabsAreLiteral() {
        assertThat(Shell.quote("line1\nline2\tx\r")).isEqualTo("'line1\nline2\tx\r'");
    }

    @Test
    void unicodePassesUnchanged() {
        assertThat(Shell.quote("café ☕ 日本")).isEqualTo("'café ☕ 日本'");
    }

    @Test
    void quoteThenInjectionAttemptIsOneWord() {
        assertThat(Shell.quote("x'; touch /tmp/pwned; echo '")).isEqualTo("'x'\\''; touch /tmp/pwned; echo '\\'''");
    }

    @Test
    void nulIsRejected() {
        assertThatThrownBy(() -> Shell.quote("a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }
}
