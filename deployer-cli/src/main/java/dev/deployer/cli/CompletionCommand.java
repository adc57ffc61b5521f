package dev.deployer.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deployer completion bash|zsh}: prints picocli's completion script of the whole command tree. zsh runs the
 * same script through bash completion's {@code bashcompinit}, as picocli documents; the script loads it itself
 * when it sees {@code $ZSH_VERSION}, and the zsh variant says so first.
 */
@Command(name = "completion",
        footerHeading = "%nExamples:%n", footer = {
                "  source <(deployer completion bash)                      # this shell only",
                "  deployer completion bash > ~/.local/share/bash-completion/completions/deployer",
                "  echo 'source <(deployer completion zsh)' >> ~/.zshrc"},
        description = "Print the shell completion script for bash or zsh, to source or save.")
public class CompletionCommand implements Callable<Integer> {
    /** The shells the script is for; picocli offers them as completions of this argument too. */
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        if (shell == Shell.zsh) {
            script = "# zsh: completion through bash completion's bashcompinit\n"
                    + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return DeployerCli.OK;
    }
}
