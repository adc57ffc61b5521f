package dev.deployer.cli;

import dev.deployer.api.PreflightReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer hosts check web1",
                "  deployer hosts check web1 --port 8081 --java 21"},
        description = "Preflight a host: ssh login, root or sudo, systemd, java, disk, ports, clock. Exit 1 when a check fails.")
public class HostCheckCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--port", description = "also check that this port is free (for an app not created yet)")
    Integer port;

    @Option(names = "--java", description = "also check for at least this java major version")
    Integer javaVersion;

    public HostCheckCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        HostArguments.name(name);
        if (port != null) {
            HostArguments.port(port);
        }
        PreflightReport report = connection.client().checkHost(name, port, javaVersion);
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), report);
        } else {
            PreflightPrinter.print(spec.commandLine().getOut(), report);
        }
        if (!report.ok()) {
            spec.commandLine().getErr().println("error: preflight of host " + name + " failed: fix the items marked FAIL");
            return DeployerCli.FAILED;
        }
        return DeployerCli.OK;
    }
}
