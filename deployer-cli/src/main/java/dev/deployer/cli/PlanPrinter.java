package dev.deployer.cli;

import dev.deployer.api.DeployPlan;
import java.io.PrintWriter;
import java.util.List;

/** A dry run's plan as short sections, one per host: what a reader checks before deploying. */
final class PlanPrinter {
    private PlanPrinter() {}

    static void print(PrintWriter out, DeployPlan plan) {
        out.println("Dry run: nothing was changed.");
        out.println(plan.app() + " " + plan.release() + ": " + plan.ref() + " at " + plan.commit().substring(0, 12) + ", strategy "
                + plan.strategy());
        out.println("artifact: " + (plan.artifactSha256() == null ? plan.build()
                : plan.artifactSha256().substring(0, 12) + " (" + plan.artifactBytes() + " bytes, " + plan.build() + ")"));
        plan.notes().forEach(note -> out.println(note));
        for (DeployPlan.HostPlan host : plan.hosts()) {
            out.println();
            out.println("== " + host.host() + (host.current() == null ? "" : " (now " + host.current().replace("releases/", "") + ")"));
            if (host.error() != null) {
                out.println("  cannot plan: " + host.error());
                continue;
            }
            out.println("  artifact:  " + host.transfer().text());
            out.println("  env:       " + env(host));
            if (host.unitDiff().isEmpty()) {
                out.println("  units:     unchanged");
            } else {
                out.println("  units:");
                host.unitDiff().forEach(line -> out.println("    " + line));
            }
            out.println("  processes:");
            host.processes().forEach(step -> out.println("    " + step));
        }
        out.flush();
    }

    private static String env(DeployPlan.HostPlan host) {
        if (host.envAdded().isEmpty() && host.envRemoved().isEmpty() && host.envChanged().isEmpty()) {
            return "unchanged";
        }
        return String.join("; ", List.of(
                keys("added", host.envAdded()), keys("removed", host.envRemoved()), keys("changed", host.envChanged()))
                .stream().filter(s -> !s.isEmpty()).toList());
    }

    private static String keys(String what, List<String> keys) {
        return keys.isEmpty() ? "" : what + " " + String.join(", ", keys);
    }
}
