package dev.deployer.cli;

import dev.deployer.api.HostInput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "logs",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer logs shop -f --host web1",
                "  deployer logs shop -n 500 --since 15m",
                "  deployer logs shop --type cron"},
        description = {"Print the app's journald lines from all its hosts, merged by time: TIME HOST MESSAGE.",
        "With -f, keep following until interrupted; notices about the stream (a host reconnecting, lines dropped) go to stderr."})
public class LogsCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    AppParameter app;

    @Option(names = {"-f", "--follow"}, description = "keep printing new lines until interrupted")
    boolean follow;

    @Option(names = {"-n", "--lines"}, defaultValue = "100", description = "how many of the last lines to print first (default: ${DEFAULT-VALUE})")
    int lines;

    @Option(names = "--host", paramLabel = "HOST", description = "only this host")
    String host;

    @Option(names = "--since", paramLabel = "TIME", description = "from this time on: 2026-11-25T14:00:00Z, or ago: 90s, 15m, 2h, 7d")
    String since;

    @Option(names = "--type", paramLabel = "TYPE", description = "only this process type: web, cron (every scheduled job), or a Procfile type such as worker")
    String type;

    @Option(names = "--json", description = "one JSON object per line, notices included")
    boolean json;

    public LogsCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        if (host != null) {
            Validation.check(() -> HostInput.name(host));
        }
        if (lines < 0 || lines > 10_000) {
            throw new UsageException("-n must be 0..10000 (got " + lines + ")");
        }
        LogPrinter printer = new LogPrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        var client = connection.client();
        if (!follow) {
            client.logs(name, lines, host, since, type).forEach(printer::print);
            return DeployerCli.OK;
        }
        new LogFollower(client, printer, spec.commandLine().getErr(), LogFollower.RETRY).follow(name, lines, host, since, type);
        return DeployerCli.OK;
    }
}
