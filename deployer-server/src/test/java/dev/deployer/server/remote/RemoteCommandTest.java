package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteCommandTest {
    @Test
    void everyWordIsQuotedAndJoinedWithSpaces() {
        assertThat(RemoteCommand.of("mkdir", "-p", "--", "/opt/deployer/my app").render())
                .isEqualTo("'mkdir' '-p' '--' '/opt/deployer/my app'");
    }

    @Test
    void hostileWordsStaySingleArguments() {
        RemoteCommand command = RemoteCommand.of("echo", "it's", "$PATH", "`id`", "a;b", "x && y", "l1\nl2", "*", "ü");
        assertThat(command.render()).isEqualTo(
                "'echo' 'it'\\''s' '$PATH' '`id`' 'a;b' 'x && y' 'l1\nl2' '*' 'ü'");
        assertThat(command.words()).hasSize(9);
    }

    @Test
    void andLeavesOnlyTheOperatorUnquoted() {
        RemoteCommand chain = RemoteCommand.and(RemoteCommand.of("mkdir", "-p", "/a b"), RemoteCommand.of("mv", "x", "&&"));
        assertThat(chain.render()).isEqualTo("'mkdir' '-p' '/a b' && 'mv' 'x' '&&'");
        assertThat(chain.isChain()).isTrue();
        assertThat(chain.steps()).containsExactly(RemoteCommand.of("mkdir", "-p", "/a b"), RemoteCommand.of("mv", "x", "&&"));
    }

    @Test
    void thenChainsTwo() {
        assertThat(RemoteCommand.of("true").then(RemoteCommand.of("false")).render()).isEqualTo("'true' && 'false'");
    }

    @Test
    void chainsFlatten() {
        RemoteCommand ab = RemoteCommand.and(RemoteCommand.of("a"), RemoteCommand.of("b"));
        assertThat(RemoteCommand.and(ab, RemoteCommand.of("c")).render()).isEqualTo("'a' && 'b' && 'c'");
    }

    @Test
    void aChainHasNoSingleWordList() {
        RemoteCommand chain = RemoteCommand.of("a").then(RemoteCommand.of("b"));
        assertThatThrownBy(chain::words).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void privilegedPrefixesSudoNonInteractiveOnEveryStep() {
        RemoteCommand chain = RemoteCommand.of("mkdir", "-p", "/x").then(RemoteCommand.of("chmod", "0755", "/x"));
        assertThat(chain.privileged(false).render())
                .isEqualTo("'sudo' '-n' 'mkdir' '-p' '/x' && 'sudo' '-n' 'chmod' '0755' '/x'");
    }

    @Test
    void privilegedAsRootIsUnchanged() {
        RemoteCommand command = RemoteCommand.of("systemctl", "daemon-reload");
        assertThat(command.privileged(true)).isSameAs(command);
    }

    @Test
    void programNamesTheCommandNotItsArguments() {
        assertThat(RemoteCommand.of("sha256sum", "--", "/secret/path").privileged(false).program()).isEqualTo("sha256sum");
        assertThat(RemoteCommand.of("id").program()).isEqualTo("id");
    }

    @Test
    void wordsAreCopiedSoLaterChangesDoNotLeakIn() {
        List<String> words = new ArrayList<>(List.of("ls", "/"));
        RemoteCommand command = RemoteCommand.of(words);
        words.add("; reboot");
        assertThat(command.render()).isEqualTo("'ls' '/'");
        assertThatThrownBy(() -> command.words().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyCommandsAndNulsAreRejected() {
        assertThatThrownBy(() -> RemoteCommand.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(RemoteCommand::and).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteCommand.of("rm", "a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalCommandsAreEqual() {
        assertThat(RemoteCommand.of("a", "b")).isEqualTo(RemoteCommand.of(List.of("a", "b"))).hasSameHashCodeAs(RemoteCommand.of("a", "b"));
    }
}
