package dev.deployer.cli;

import dev.deployer.api.AppStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer status shop",
                "  deployer status shop --json"},
        description = {"Per host: the unit's state, the release it runs and since when, the answer of its health path now; "
                + "flags drift. Exits 1 unless every host is active, on the current release and not unhealthy.",
                "For a zero-downtime app also the live slot and the warm standby (the release an instant rollback "
                        + "returns to) with the time it is stopped."})
public class StatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    AppParameter app;

    public StatusCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        AppStatus status = connection.client().status(name);
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), status);
            return DeployerCli.OK;
        }
        var out = spec.commandLine().getOut();
        out.println(name + ": current release " + (status.currentVersion() == null ? "none yet" : "v" + status.currentVersion()));
        Table table = new Table("HOST", "STATE", "RUNS", "SINCE", "HEALTH", "NOTE");
        status.hosts().forEach(h -> table.row(h.host(), h.activeState(), h.version() == null ? "-" : "v" + h.version(),
                h.since() == null ? "-" : WHEN.format(h.since()),
                h.health() == null ? "-" : h.health().state() + " (" + h.health().detail() + ")",
                h.error() != null ? h.error() : h.drift() ? "DRIFT: expected v" + status.currentVersion() : ""));
        table.print(out);
        if (status.hosts().stream().anyMatch(h -> h.slots() != null)) {
            out.println();
            Table slots = new Table("HOST", "LIVE SLOT", "STANDBY SLOT", "STANDBY UNTIL");
            status.hosts().stream().filter(h -> h.slots() != null).forEach(h -> slots.row(h.host(),
                    h.slots().live() == null ? "-" : h.slots().live() + " (v" + h.slots().liveVersion() + ")",
                    h.slots().standby() == null ? "none" : h.slots().standby() + " (v" + h.slots().standbyVersion() + ", warm)",
                    h.slots().standbyUntil() == null ? "-" : WHEN.format(h.slots().standbyUntil())));
            slots.print(out);
        }
        boolean healthy = status.hosts().stream().allMatch(h -> h.error() == null && !h.drift() && "active".equals(h.activeState())
                && (h.health() == null || !AppStatus.Health.UNHEALTHY.equals(h.health().state())));
        return healthy ? DeployerCli.OK : DeployerCli.FAILED;
    }
}
