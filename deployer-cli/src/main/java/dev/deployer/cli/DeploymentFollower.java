package dev.deployer.cli;

import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentEvent;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.DeploymentStatus;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Prints a deployment's steps as they happen; the exit code says how it ended. */
final class DeploymentFollower {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private DeploymentFollower() {}

    static int follow(DeployerClient client, DeploymentInfo started, PrintWriter out) {
        out.println("deployment " + started.id() + " of " + started.app() + " started (" + started.kind() + ")");
        DeploymentInfo done = client.follow(started.id(), event -> out.println(line(event)));
        out.println();
        out.println(DeploymentStatus.SUCCEEDED.is(done.status())
                ? "done: " + (done.version() == null ? "" : "v" + done.version() + " ") + done.reason()
                : "deployment " + done.id() + " " + done.status() + ": " + done.reason());
        out.flush();
        return DeploymentStatus.SUCCEEDED.is(done.status()) ? DeployerCli.OK : DeployerCli.FAILED;
    }

    static String line(DeploymentEvent event) {
        return "output".equals(event.outcome()) ? event.line() : TIME.format(event.at()) + " " + event.line();
    }
}
