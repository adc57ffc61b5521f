package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandWordsTest {
    @Test
    void wordsAreSplitOnWhitespace() {
        assertThat(CommandWords.split("  ./gradlew build\t-x   test ")).containsExactly("./gradlew", "build", "-x", "test");
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertThat(CommandWords.split("sh -c 'sleep 600 & echo \"$HOME\" \\n'"))
                .containsExactly("sh", "-c", "sleep 600 & echo \"$HOME\" \\n");
    }

    @Test
    void doubleQuotesAllowEscapedQuotesAndBackslashes() {
        assertThat(CommandWords.split("mvn \"-Dgreeting=say \\\"hi\\\" \\\\ \\n\" package"))
                .containsExactly("mvn", "-Dgreeting=say \"hi\" \\ \\n", "package");
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertThat(CommandWords.split("echo a\\ b \\'c")).containsExactly("echo", "a b", "'c");
    }

    @Test
    void quotedPartsJoinTheWordAroundThem() {
        assertThat(CommandWords.split("-Dx='a b'c \"\"")).containsExactly("-Dx=a bc", "");
    }

    @Test
    void shellOperatorsAreJustWords() {
        assertThat(CommandWords.split("mvn package && rm -rf / ; echo $PATH"))
                .containsExactly("mvn", "package", "&&", "rm", "-rf", "/", ";", "echo", "$PATH");
    }

    @Test
    void unclosedQuoteIsRejected() {
        assertThatThrownBy(() -> CommandWords.split("sh -c 'sleep 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed ' quote");
    }

    @Test
    void blankCommandIsRejected() {
        assertThatThrownBy(() -> CommandWords.split("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
