package dev.deployer.cli;

import dev.deployer.api.DeployerClient;
import dev.deployer.api.Names;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer deploy shop",
                "  deployer deploy shop --ref v1.4.0 --wait",
                "  deployer deploy shop --dry-run --ref v1.4.0"},
        description = "Build a ref (default: the app's branch) and deploy it; follows progress until done."
                + " With --dry-run: what would change on each host, changing nothing.")
public class DeployCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter app;

    @Option(names = "--ref", description = "branch, tag or commit to deploy")
    String ref;

    @Mixin
    WaitOption waitTurn;

    @Option(names = "--detach", description = "start and print the deployment id without following it")
    boolean detach;

    @Option(names = "--dry-run", description = "print per host what a deploy would change (unit, env keys, bytes, processes);"
            + " changes nothing (the commit may be built, within 40 s)")
    boolean dryRun;

    @Mixin
    JsonOption json;

    public DeployCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        if (ref != null) {
            Validation.check(() -> Names.ref(ref));
        }
        DeployerClient client = connection.client();
        if (dryRun) {
            var plan = client.dryRun(name, ref);
            if (json.enabled()) {
                JsonOption.print(spec.commandLine().getOut(), plan);
            } else {
                PlanPrinter.print(spec.commandLine().getOut(), plan);
            }
            return DeployerCli.OK;
        }
        var started = client.deploy(name, ref, waitTurn.enabled());
        if (detach) {
            spec.commandLine().getOut().println(started.id());
            return DeployerCli.OK;
        }
        return DeploymentFollower.follow(client, started, spec.commandLine().getOut());
    }
}
