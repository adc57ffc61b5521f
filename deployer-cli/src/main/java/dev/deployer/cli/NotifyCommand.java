package dev.deployer.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.WebhookInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deployer notify APP}: an app's notification webhooks, masked; {@code add} and {@code remove} change them. */
@Command(name = "notify",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer notify add shop \"$SLACK_WEBHOOK_URL\" --slack",
                "  deployer notify add shop https://ci.example.com/hooks/deploys --events failed",
                "  deployer notify shop"},
        description = "List an app's notification webhooks (told of each deployment's start, success and failure; "
                + "URLs are write-only: shown as scheme and host only); add or remove them.",
        subcommands = {NotifyAddCommand.class, NotifyRemoveCommand.class})
public class NotifyCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "the app")
    String name;

    public NotifyCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        if (name == null) {
            throw new UsageException("name the app: 'deployer notify APP', 'deployer notify add APP URL' or "
                    + "'deployer notify remove APP ID'");
        }
        AppArguments.name(name);
        List<WebhookInfo> webhooks = connection.client().get(path(name), new TypeReference<>() {});
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOption.print(out, webhooks);
        } else if (webhooks.isEmpty()) {
            out.println("No webhooks on " + name + ": add one with 'deployer notify add " + name + " URL'.");
        } else {
            Table table = new Table("ID", "FORMAT", "EVENTS", "URL", "ADDED BY", "ADDED");
            webhooks.forEach(w -> table.row(String.valueOf(w.id()), w.format(), String.join(",", w.events()), w.masked(),
                    w.createdBy(), w.createdAt()));
            table.print(out);
        }
        return DeployerCli.OK;
    }

    static String path(String app) {
        return "api/apps/" + DeployerClient.encode(app) + "/notifications";
    }
}
