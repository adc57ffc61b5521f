package dev.deployer.cli;

import dev.deployer.api.Host;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "hosts",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer hosts",
                "  deployer hosts --json"},
        description = "List hosts; add, check, trust or remove one.",
        subcommands = {HostAddCommand.class, HostCheckCommand.class, HostTrustCommand.class, HostRemoveCommand.class})
public class HostsCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    public HostsCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        List<Host> hosts = connection.client().hosts();
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), hosts);
            return DeployerCli.OK;
        }
        if (hosts.isEmpty()) {
            spec.commandLine().getOut().println("No hosts yet: add one with 'deployer hosts add NAME --address ADDR'.");
            return DeployerCli.OK;
        }
        Table table = new Table("NAME", "ADDRESS", "USER", "FINGERPRINT", "APPS");
        hosts.forEach(h -> table.row(h.name(), h.address() + ":" + h.port(), h.user(), h.fingerprint(), String.join(",", h.apps())));
        table.print(spec.commandLine().getOut());
        return DeployerCli.OK;
    }
}
