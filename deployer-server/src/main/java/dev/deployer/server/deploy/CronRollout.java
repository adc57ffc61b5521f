package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.build.CronTable;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.CronCommands;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.remote.SystemdUnit;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A release's cron entries on one host, once its web process serves it: the entries that run on this host (their own
 * host, else the app's first) get their service and timer written and the timers (re)started; entries the release does
 * not have here are stopped and their files removed. Every host is reconciled, so an entry that moved leaves the old one.
 */
class CronRollout {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final HostAccess ssh;

    CronRollout(HostAccess ssh) {
        this.ssh = ssh;
    }

    /** {@code listed}: the host's cron unit file names (any others in the list are ignored). */
    void apply(HostTarget host, App app, Optional<Release> release, Map<String, Secret> config, List<String> listed, StepLog log) {
        List<CronTable.Entry> wanted = release.map(Release::cron).orElse(CronTable.NONE).entries().stream()
                .filter(e -> CronTable.hostOf(e, app.hosts()).equals(host.name())).toList();
        TreeSet<Integer> present = new TreeSet<>();
        listed.forEach(file -> CronCommands.parse(app.name(), file).ifPresent(present::add));
        if (wanted.isEmpty() && present.isEmpty()) {
            return;
        }
        boolean root = host.root();
        log.step(host, "cron", () -> {
            List<Integer> stale = new ArrayList<>(present);
            wanted.forEach(e -> stale.remove(Integer.valueOf(e.number())));
            if (!stale.isEmpty()) {
                ssh.runAllowingFailure(host, "cron", CronCommands.stop(app.name(), stale).privileged(root), STEP_TIMEOUT);
                ssh.run(host, "cron", CronCommands.removeFiles(app.name(), stale).privileged(root), STEP_TIMEOUT);
            }
            if (!wanted.isEmpty()) {
                HostLayout layout = new HostLayout(app.name());
                // The processes' env file: with slots and no other Procfile type nothing else writes it on this host.
                ssh.writeFile(host, "cron", layout.envFile(), EnvFile.render(config, app.port()), "0600", "root:root");
                boolean changed = false;
                for (CronTable.Entry e : wanted) {
                    changed |= ProcessRollout.writeIfChanged(ssh, host, "cron", HostLayout.UNIT_DIR + "/" + layout.cronServiceName(e.number()),
                            SystemdUnit.forCron(app.name(), e.number(), e.words()));
                    changed |= ProcessRollout.writeIfChanged(ssh, host, "cron", HostLayout.UNIT_DIR + "/" + layout.cronTimerName(e.number()),
                            SystemdUnit.cronTimer(app.name(), e.number(), e.calendar()));
                }
                List<Integer> numbers = wanted.stream().map(CronTable.Entry::number).toList();
                RemoteCommand start = CronCommands.startTimers(app.name(), numbers);
                ssh.run(host, "cron", (changed ? HostCommands.daemonReload().then(start) : start).privileged(root), STEP_TIMEOUT);
            }
            return summary(wanted, stale);
        });
    }

    private static String summary(List<CronTable.Entry> wanted, List<Integer> stale) {
        String on = wanted.isEmpty() ? "no cron entries on this host"
                : String.join(", ", wanted.stream().map(e -> "cron-" + e.number() + " '" + e.schedule() + "'").toList());
        return on + (stale.isEmpty() ? "" : "; removed " + String.join(", ", stale.stream().map(n -> "cron-" + n).toList()));
    }
}
