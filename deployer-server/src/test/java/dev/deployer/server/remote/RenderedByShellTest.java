package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proof that matters: a real POSIX shell, given the rendered text exactly as sshd would pass
 * it, hands the program exactly the words that were built, and runs nothing else.
 */
class RenderedByShellTest {
    private static final List<String> HOSTILE = List.of(
            "plain", "with space", "it's", "'", "''", "\"double\"", "$HOME", "${PATH}", "`id`", "$(id)", "a;b", "x && y",
            "a || b", "p | q", "> /tmp/x", "line1\nline2", "tab\there", "*", "?", "[a-z]", "{a,b}", "~", "#no-comment",
            "\\", "back\\'slash", "ü ☕ 日本", "", "-n", "--", "!event");

    @Test
    void shellReceivesExactlyTheBuiltWords() throws Exception {
        List<String> words = new ArrayList<>(List.of("printf", "%s\\0"));
        words.addAll(HOSTILE);
        assertThat(runInShell(RemoteCommand.of(words).render())).isEqualTo(HOSTILE);
    }

    @Test
    void onlyTheChainOperatorIsInterpreted() throws Exception {
        RemoteCommand chain = RemoteCommand.of("printf", "%s\\0", "first", "&&").then(RemoteCommand.of("printf", "%s\\0", "; second"));
        assertThat(runInShell(chain.render())).containsExactly("first", "&&", "; second");
    }

    @Test
    void aFailedStepStopsTheChain() throws Exception {
        RemoteCommand chain = RemoteCommand.of("false").then(RemoteCommand.of("printf", "%s\\0", "not reached"));
        assertThat(runInShell(chain.render())).isEmpty();
    }

    private static List<String> runInShell(String rendered) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("sh", "-c", rendered)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        if (out.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1));
    }
}
