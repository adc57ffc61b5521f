package dev.deployer.cli;

import dev.deployer.api.HostAdded;
import dev.deployer.api.HostRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "add",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer hosts add web1 --address 10.0.0.5",
                "  deployer hosts add web2 --address 10.0.0.6 --user deploy"},
        description = "Add a host: pin its SSH host key, then run preflight. Exit 1 when preflight fails "
        + "(the host is added all the same: fix what it says, then 'deployer hosts check NAME').")
public class HostAddCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "NAME", description = "lowercase letters, digits and '-'")
    String name;

    @Option(names = "--address", required = true, description = "host name or IP address")
    String address;

    @Option(names = "--port", defaultValue = "22", description = "SSH port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--user", defaultValue = "root", description = "login user; not root: privileged steps use sudo -n (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--fingerprint", description = "expected host key, SHA256:... as ssh-keygen -lf prints it; without it the key "
            + "presented now is trusted")
    String fingerprint;

    public HostAddCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        HostArguments.all(name, address, port, user, fingerprint);
        HostAdded added = connection.client().addHost(new HostRequest(name, address, port, user, fingerprint));
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOption.print(out, added);
        } else {
            out.println("Added host " + name + " (" + added.host().user() + "@" + added.host().address() + ":" + added.host().port()
                    + "); pinned its host key " + added.host().fingerprint() + ".");
            PreflightPrinter.print(out, added.preflight());
        }
        if (!added.preflight().ok()) {
            spec.commandLine().getErr().println("error: host " + name + " was added and its key pinned, but preflight failed: "
                    + "fix the items above, then run 'deployer hosts check " + name + "'");
            return DeployerCli.FAILED;
        }
        return DeployerCli.OK;
    }
}
