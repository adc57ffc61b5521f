package dev.deployer.server.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.remote.RemoteCommand;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandExecutionTest {
    @Test
    void everyStepRunsUnderTheHostsTimeoutJustAfterOurs() {
        RemoteCommand chain = RemoteCommand.of("mkdir", "/x").then(RemoteCommand.of("mv", "a", "b")).privileged(false);
        assertThat(CommandExecution.withRemoteTimeout(chain, Duration.ofMillis(1500)).render()).isEqualTo(
                "'timeout' '-k' '5' '4s' 'sudo' '-n' 'mkdir' '/x' && 'timeout' '-k' '5' '4s' 'sudo' '-n' 'mv' 'a' 'b'");
    }

    @Test
    void stderrTailKeepsTheLastLines() {
        assertThat(new CommandResult(1, "", "a\nb\nc\nd\ne\nf\ng\n").stderrTail()).isEqualTo("c\nd\ne\nf\ng");
        assertThat(new CommandResult(1, "", "").stderrTail()).isEmpty();
        assertThat(new CommandResult(1, "", "x".repeat(700)).stderrTail()).startsWith("...").hasSize(603);
    }
}
