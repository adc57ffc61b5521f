package dev.deployer.cli;

import dev.deployer.api.SshKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ssh-key",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer ssh-key >> ~/.ssh/authorized_keys   # on the host"},
        description = "Print the server's public SSH key, to put in a host's authorized_keys.")
public class SshKeyCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    public SshKeyCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        SshKey key = connection.client().sshKey();
        spec.commandLine().getOut().println(key.publicKey());
        spec.commandLine().getErr().println("# fingerprint " + key.fingerprint());
        return DeployerCli.OK;
    }
}
