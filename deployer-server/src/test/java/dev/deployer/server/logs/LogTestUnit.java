package dev.deployer.server.logs;

import dev.deployer.testhosts.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for a deployed app on a test host: a transient unit named like an app's unit whose
 * stdout (so journald, under that unit) is whatever a test writes into a FIFO on the host.
 */
final class LogTestUnit {
    private final String app;

    LogTestUnit(String app) {
        this.app = app;
    }

    String unit() {
        return "deployer-" + app + ".service";
    }

    private String fifo() {
        return "/run/" + app + ".fifo";
    }

    /** (Re)starts the unit; no journald rate limit, so bursts in benchmarks are not thinned out on the host. */
    void start(TestHost host) {
        host.run(List.of("sh", "-c", "systemctl stop \"$1\" 2>/dev/null; systemctl reset-failed \"$1\" 2>/dev/null; "
                + "rm -f \"$2\"; mkfifo -m 0600 \"$2\"", "start", unit(), fifo())).orThrow();
        host.run(List.of("systemd-run", "--quiet", "--unit=" + unit(), "--property=LogRateLimitIntervalSec=0",
                "/bin/sh", "-c", "exec cat 0<>\"$0\"", fifo())).orThrow();
    }

    void restart(TestHost host) {
        host.run(List.of("systemctl", "restart", unit())).orThrow();
    }

    void stop(TestHost host) {
        host.run(List.of("sh", "-c", "systemctl stop \"$1\" 2>/dev/null; rm -f \"$2\"; true", "stop", unit(), fifo()));
    }

    /** Each line becomes one journal entry of the unit. */
    void write(TestHost host, String... lines) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "f=$1; shift; printf '%s\\n' \"$@\" > \"$f\"", "write", fifo()));
        argv.addAll(List.of(lines));
        host.run(argv).orThrow();
    }

    /** Runs {@code script} on the host with {@code sh -c}, the unit's FIFO as {@code $0}. */
    void run(TestHost host, String script) {
        host.runAs(host.rootUser(), TestHost.quote(List.of("sh", "-c", script, fifo())), Duration.ofMinutes(5)).orThrow();
    }

    /** The journalctl processes following or reading this unit on the host, as {@code pgrep -a} lists them. */
    List<String> journalctlProcesses(TestHost host) {
        return host.run(List.of("pgrep", "-a", "-f", "journalctl --unit=" + unit())).out().lines()
                .filter(line -> !line.isBlank()).toList();
    }
}
