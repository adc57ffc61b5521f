package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppRemover;
import dev.deployer.server.remote.CronCommands;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ProcessCommands;
import dev.deployer.server.remote.RemovalCommands;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting an app or dropping a host from it: on each host stop every unit the app may have there (its unit, or its
 * proxy, both slots and the standby timer), remove their files, the env files, /etc/deployer/APP/ and the slot links;
 * with purge, its releases too. Whatever the app's strategy is now: it may have run the other one on that host.
 */
public class UnitRemoval implements AppRemover {
    private static final Logger LOG = LoggerFactory.getLogger(UnitRemoval.class);
    private static final Duration STEP = Duration.ofSeconds(60);

    private final HostAccess ssh;
    private final Function<String, HostTarget> hosts;

    public UnitRemoval(HostAccess ssh, Function<String, HostTarget> hosts) {
        this.ssh = ssh;
        this.hosts = hosts;
    }

    @Override
    public void remove(App app, boolean purge) {
        HostLayout layout = new HostLayout(app.name());
        List<String> failures = new ArrayList<>();
        for (String name : app.hosts()) {
            try {
                HostTarget host = hosts.apply(name);
                // Procfile instances as systemd lists them, then cron unit files (their units are named like the files).
                List<String> processes = ssh.runAllowingFailure(host, "remove", ProcessCommands.listInstances(app.name())
                        .then(CronCommands.listFiles(app.name())).privileged(host.root()), STEP).stdout().lines()
                        .map(line -> line.strip().split("\\s+")[0]).filter(unit -> ProcessCommands.parse(app.name(), unit).isPresent()
                                || CronCommands.parse(app.name(), unit).isPresent()).toList();
                ssh.runAllowingFailure(host, "remove", RemovalCommands.stopAll(app.name(), processes).privileged(host.root()), STEP);
                ssh.run(host, "remove", RemovalCommands.removeFiles(app.name()).privileged(host.root()), STEP);
                if (purge) {
                    ssh.run(host, "remove", HostCommands.removeTree(layout.appDir()).privileged(host.root()), STEP);
                }
                LOG.info("app={} host={} units removed{}", app.name(), name, purge ? ", releases purged" : "");
            } catch (RuntimeException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not remove the units of " + app.name() + " everywhere: " + String.join("; ", failures));
        }
    }
}
