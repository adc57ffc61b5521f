package dev.deployer.cli;

import dev.deployer.api.Host;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "trust",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer hosts trust web1 --fingerprint SHA256:..."},
        description = "Re-pin a host's SSH host key after it changed on purpose (check it on the host first).")
public class HostTrustCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--fingerprint", description = "the new key's SHA256:... as ssh-keygen -lf prints it on the host; "
            + "without it the key presented now is trusted")
    String fingerprint;

    public HostTrustCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        HostArguments.name(name);
        HostArguments.fingerprint(fingerprint);
        Host host = connection.client().trustHost(name, fingerprint);
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), host);
        } else {
            spec.commandLine().getOut().println("Pinned host key " + host.fingerprint() + " for host " + name + ".");
        }
        return DeployerCli.OK;
    }
}
