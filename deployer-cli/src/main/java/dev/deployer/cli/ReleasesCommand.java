package dev.deployer.cli;

import dev.deployer.api.ReleaseInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "releases",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer releases shop",
                "  deployer releases shop --json"},
        description = "Release history of an app, newest first; * marks the current one.")
public class ReleasesCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    AppParameter app;

    public ReleasesCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        List<ReleaseInfo> releases = connection.client().releases(name);
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), releases);
            return DeployerCli.OK;
        }
        if (releases.isEmpty()) {
            spec.commandLine().getOut().println("No releases yet: deploy with 'deployer deploy " + name + "' or git push.");
            return DeployerCli.OK;
        }
        Table table = new Table("", "VERSION", "STATUS", "COMMIT", "WHEN", "BY", "DESCRIPTION");
        releases.forEach(r -> table.row(r.current() ? "*" : "", "v" + r.version(), r.status(),
                r.commit() == null ? "" : r.commit().substring(0, Math.min(7, r.commit().length())),
                WHEN.format(r.createdAt()), r.createdBy(), r.description()));
        table.print(spec.commandLine().getOut());
        return DeployerCli.OK;
    }
}
