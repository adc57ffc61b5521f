package dev.deployer.cli;

import dev.deployer.api.DeploymentSummary;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deployments",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer deployments shop",
                "  deployer deployments shop --before 812 -n 100   # older than 812",
                "  deployer deployments shop --json"},
        description = "Deployments of an app (deploys, rollbacks, config changes), newest first.")
public class DeploymentsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    AppParameter app;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "how many, 1 to 100 (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--before", paramLabel = "ID", description = "only deployments older than this one: the next page")
    Long before;

    public DeploymentsCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        if (limit < 1 || limit > 100) {
            throw new UsageException("--limit must be 1 to 100 (got " + limit + ")");
        }
        List<DeploymentSummary> page = connection.client().deployments(name, limit, before);
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), page);
            return DeployerCli.OK;
        }
        if (page.isEmpty()) {
            spec.commandLine().getOut().println(before == null
                    ? "No deployments yet: deploy with 'deployer deploy " + name + "' or git push."
                    : "No deployments of " + name + " before " + before + ".");
            return DeployerCli.OK;
        }
        Table table = new Table("ID", "KIND", "VERSION", "STATUS", "BY", "STARTED", "TOOK");
        page.forEach(d -> table.row(d.id(), d.kind(), d.version() == null ? "" : "v" + d.version(), d.status(), d.createdBy(),
                d.startedAt() == null ? "" : WHEN.format(d.startedAt()), took(d.took())));
        table.print(spec.commandLine().getOut());
        if (page.size() == limit) {
            spec.commandLine().getErr().println("# older: deployer deployments " + name + " --before " + page.get(page.size() - 1).id()
                    + (limit == 20 ? "" : " -n " + limit));
        }
        return DeployerCli.OK;
    }

    /** 42s, 3m05s, 1h02m; empty while it runs. */
    static String took(Duration took) {
        if (took == null) {
            return "";
        }
        long seconds = Math.max(0, took.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
