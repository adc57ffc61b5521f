package dev.deployer.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.WebhookInfo;
import dev.deployer.api.WebhookRequest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "add",
        footerHeading = "%nExamples:%n", footer = {
                "  deployer notify add shop \"$SLACK_WEBHOOK_URL\" --slack",
                "  deployer notify add shop https://ci.example.com/hooks/deploys",
                "  deployer notify add shop https://pager.example.com/hook --events failed"},
        description = "Add a webhook told of the app's deployments (POST of a JSON body; --slack: Slack's {\"text\": ...}). "
                + "The URL is stored encrypted and never shown again: pass it from a variable to keep it out of shell history.")
public class NotifyAddCommand implements Callable<Integer> {
    private final Connection connection;

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    AppParameter app;

    @Parameters(index = "1", paramLabel = "URL", description = "an http:// or https:// URL (it may hold a token)")
    String url;

    @Option(names = "--slack", description = "send Slack's incoming-webhook body {\"text\": ...} instead of deployer's JSON")
    boolean slack;

    @Option(names = "--events", split = ",", paramLabel = "EVENT",
            description = "which of started,succeeded,failed to be told of (default: all three)")
    List<String> events;

    public NotifyAddCommand(DeployerCli.Environment environment) {
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() {
        String name = app.name();
        WebhookInfo added = connection.client().send("POST", NotifyCommand.path(name),
                new WebhookRequest(url, slack ? "slack" : "json", events), new TypeReference<>() {});
        if (json.enabled()) {
            JsonOption.print(spec.commandLine().getOut(), added);
        } else {
            spec.commandLine().getOut().println("Added webhook " + added.id() + " (" + added.format() + ", "
                    + added.masked() + ") to " + name + ": told of " + String.join(", ", added.events()) + ".");
        }
        return DeployerCli.OK;
    }
}
