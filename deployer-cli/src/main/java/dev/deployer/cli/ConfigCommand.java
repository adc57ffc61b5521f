package dev.deployer.cli;

import dev.deployer.api.ConfigChange;
import dev.deployer.api.ConfigVarInfo;
import dev.deployer.api.DeployerClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "config",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer config shop",
                "  deployer config set shop DATABASE_URL=jdbc:postgresql://db/shop",
                "  deployer config unset shop OLD_KEY"},
        description = "List an app's config vars (values are write-only: shown masked); set or unset them.",
        subcommands = {ConfigSetCommand.class, ConfigUnsetCommand.class})
public class ConfigCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the app")
    String name;

    public ConfigCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        if (name == null) {
            throw new UsageException("name the app: 'deployer config NAME', 'deployer config set NAME K=V ...' or "
                    + "'deployer config unset NAME K ...'");
        }
        AppArguments.name(name);
        List<ConfigVarInfo> vars = connection.client().config(name);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOption.print(out, vars);
        } else if (vars.isEmpty()) {
            out.println("No config vars on " + name + ": set some with 'deployer config set " + name + " KEY=VALUE'.");
        } else {
            Table table = new Table("KEY", "VALUE", "UPDATED");
            vars.forEach(var -> table.row(var.key(), var.masked(), var.updatedAt()));
            table.print(out);
        }
        return DeployerCli.OK;
    }

    /** One line on what a set or unset did; never a value. */
    static void report(PrintWriter out, String app, ConfigChange change) {
        if (change.set().isEmpty() && change.unset().isEmpty()) {
            out.println("No change: " + app + " already has that config.");
            return;
        }
        StringBuilder line = new StringBuilder();
        if (!change.set().isEmpty()) {
            line.append("Set ").append(String.join(", ", change.set())).append(" on ").append(app).append(" (values hidden)");
        }
        if (!change.unset().isEmpty()) {
            line.append(line.length() == 0 ? "Unset " : "; unset ").append(String.join(", ", change.unset()))
                    .append(change.set().isEmpty() ? " on " + app : "");
        }
        line.append(!change.restart() ? ". Not restarted: the change takes effect at the next deploy or restart."
                : change.deployment() != null ? ". Deployment " + change.deployment().id() + " makes a new release and restarts the app."
                : ". A new release restarts the app if it is deployed.");
        out.println(line);
    }

    /**
     * After a set or unset: the change (or its JSON), then the deployment it started, followed until it ends like
     * {@code deployer deploy} does, unless {@code detach}; the exit code says how that deployment ended.
     */
    static int finish(DeployerClient client, PrintWriter out, String app, ConfigChange change, boolean json, boolean detach) {
        if (json) {
            JsonOption.print(out, change);
            return DeployerCli.OK;
        }
        report(out, app, change);
        if (change.deployment() == null) {
            return DeployerCli.OK;
        }
        if (detach) {
            out.println("deployment " + change.deployment().id() + " started, not followed: 'deployer deployments " + app
                    + "' shows how it ends");
            return DeployerCli.OK;
        }
        return DeploymentFollower.follow(client, change.deployment(), out);
    }
}
