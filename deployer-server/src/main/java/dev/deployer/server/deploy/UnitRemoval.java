package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppRemover;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deleting an app: on each host stop and disable its unit, remove unit and env file; with purge, its releases too. */
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
                ssh.runAllowingFailure(host, "remove", RemoteCommand.and(HostCommands.systemctl("disable", layout.unitName()),
                        HostCommands.systemctl("stop", layout.unitName())).privileged(host.root()), STEP);
                ssh.run(host, "remove", RemoteCommand.and(HostCommands.removeFile(layout.unitFile()),
                        HostCommands.removeFile(layout.envFile()), HostCommands.daemonReload()).privileged(host.root()), STEP);
                if (purge) {
                    ssh.run(host, "remove", HostCommands.removeTree(layout.appDir()).privileged(host.root()), STEP);
                }
                LOG.info("app={} host={} unit removed{}", app.name(), name, purge ? ", releases purged" : "");
            } catch (RuntimeException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not remove " + layout.unitName() + " everywhere: " + String.join("; ", failures));
        }
    }
}
