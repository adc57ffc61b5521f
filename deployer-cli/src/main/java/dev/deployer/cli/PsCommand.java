package dev.deployer.cli;

import dev.deployer.api.AppProcesses;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ps",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer ps shop",
                "  deployer ps shop --json",
                "  deployer ps shop --json | jq '.hosts[].processes[] | select(.type == \"cron\") | .cron'"},
        description = {"Per host: each process instance of the app (web, every Procfile type's instances, each cron entry), "
                + "its state, the release it runs and since when, read from the hosts just now.",
                "For a cron entry also its last run (result, exit status, when) and its next one."})
public class PsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    AppParameter app;

    public PsCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        AppProcesses ps = connection.client().ps(name);
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), ps);
            return DeployerCli.OK;
        }
        var out = spec.commandLine().getOut();
        out.println(name + ": current release " + (ps.currentVersion() == null ? "none yet" : "v" + ps.currentVersion()));
        Table table = new Table("HOST", "PROCESS", "STATE", "RELEASE", "SINCE", "NOTE");
        for (AppProcesses.HostProcesses host : ps.hosts()) {
            if (host.error() != null) {
                table.row(host.host(), "", "unknown", "", "", host.error());
            } else if (host.processes().isEmpty()) {
                table.row(host.host(), "", "", "", "", "no units of the app on this host");
            }
            host.processes().forEach(p -> table.row(host.host(), p.type() + "." + p.instance(),
                    p.activeState() + (p.subState() == null ? "" : " (" + p.subState() + ")"),
                    p.version() == null ? "" : "v" + p.version(), p.since() == null ? "" : WHEN.format(p.since()), note(p)));
        }
        table.print(out);
        boolean readAll = ps.hosts().stream().allMatch(h -> h.error() == null);
        return readAll ? DeployerCli.OK : DeployerCli.FAILED;
    }

    private static String note(AppProcesses.Process p) {
        if (p.cron() == null) {
            return p.role() == null ? "" : p.role();
        }
        AppProcesses.CronRun cron = p.cron();
        String last = cron.lastExit() == null ? "never ran"
                : "last run " + WHEN.format(cron.lastExit()) + ": " + cron.result()
                        + (cron.exitStatus() == null ? "" : ", exit " + cron.exitStatus());
        return (cron.schedule() == null ? "" : "'" + cron.schedule() + "'; ") + last
                + (cron.nextRun() == null ? "" : "; next " + WHEN.format(cron.nextRun()));
    }
}
