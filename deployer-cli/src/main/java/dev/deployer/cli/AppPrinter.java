package dev.deployer.cli;

import dev.deployer.api.AppInfo;
import java.io.PrintWriter;
import java.util.List;

/** How an app reads on a terminal. */
final class AppPrinter {
    private AppPrinter() {}

    static void list(PrintWriter out, List<AppInfo> apps) {
        if (apps.isEmpty()) {
            out.println("No apps yet: create one with 'deployer apps create NAME --hosts h1,h2'.");
            return;
        }
        Table table = new Table("NAME", "HOSTS", "PORT", "BRANCH", "REPO");
        apps.forEach(app -> table.row(app.name(), String.join(",", app.hosts()), app.port(), app.branch(), app.repoUrl()));
        table.print(out);
    }

    static void details(PrintWriter out, AppInfo app) {
        Table table = new Table("SETTING", "VALUE");
        table.row("name", app.name())
                .row("hosts", String.join(",", app.hosts()))
                .row("repo", app.repoUrl())
                .row("branch", app.branch())
                .row("port", app.port())
                .row("java options", app.javaOptions())
                .row("java version", app.javaVersion())
                .row("health path", app.healthPath() == null ? "(none: the unit must stay active)" : app.healthPath())
                .row("health timeout", app.healthTimeoutSeconds() + "s")
                .row("build command", app.buildCommand() == null ? "(detected)" : app.buildCommand())
                .row("artifact", app.artifactPath() == null ? "(detected)" : app.artifactPath())
                .row("build timeout", app.buildTimeoutSeconds() + "s")
                .row("releases kept", app.keepReleases())
                .row("canary", app.canary() ? "yes (the first host switches, healthy, before the others start)"
                        : "no (every host in batches from the start)")
                .row("batch size", app.batchSize() == null ? "all hosts at once" + (app.canary() ? " after the canary" : "")
                        : app.batchSize() + " at a time")
                .row("max push", app.maxPushMib() + " MiB")
                .row("secrets on push", app.secretsOnPush())
                .row("strategy", strategy(app))
                .row("drain", "zero-downtime".equals(app.strategy()) ? app.drainSeconds() + " s" : "-")
                .row("standby", !"zero-downtime".equals(app.strategy()) ? "-" : app.standbySeconds() == 0
                        ? "none (old slot stopped after the drain)" : app.standbySeconds() + " s (one more JVM per host meanwhile)")
                .row("webhook URL", app.webhookUrl())
                .row("created", app.createdAt());
        table.print(out);
        if (app.webhookSecret() != null) {
            out.println();
            out.println("Webhook secret (shown only now; 'deployer apps update " + app.name()
                    + " --rotate-webhook-secret' makes a new one):");
            out.println("  " + app.webhookSecret());
        }
    }

    private static String strategy(AppInfo app) {
        if (app.strategy() == null) {
            return "-";
        }
        return app.strategy().equals("restart") ? "restart (one unit, stopped and started: a gap at each deploy)"
                : "zero-downtime (two slots behind a proxy)";
    }
}
