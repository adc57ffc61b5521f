package dev.deployer.cli;

import dev.deployer.api.PreflightCheck;
import dev.deployer.api.PreflightReport;
import java.io.PrintWriter;

/** A preflight report for people: one line per check, the fix under each failed one. */
final class PreflightPrinter {
    private PreflightPrinter() {}

    static void print(PrintWriter out, PreflightReport report) {
        int width = report.checks().stream().mapToInt(check -> check.name().length()).max().orElse(0);
        out.println("Preflight of " + report.host() + ": " + (report.ok() ? "all checks passed" : "some checks FAILED"));
        for (PreflightCheck check : report.checks()) {
            out.println("  " + (check.ok() ? "ok  " : "FAIL") + "  " + String.format("%-" + width + "s", check.name()) + "  "
                    + check.detail());
            if (!check.ok() && check.fix() != null) {
                out.println("  " + " ".repeat(6 + width) + "  fix: " + check.fix());
            }
        }
        out.flush();
    }
}
