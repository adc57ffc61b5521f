package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.remote.Slot;
import dev.deployer.server.remote.SlotCommands;
import dev.deployer.server.remote.SlotPorts;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;

/**
 * Healthy means: the unit is active and still active after a settle time (a JVM that dies on a
 * bad config exits within it), and, when the app has a health path, HTTP 2xx from
 * {@code 127.0.0.1:PORT/PATH} on the host, reached through the SSH connection.
 */
public class HealthGate {
    private static final Duration SSH_STEP = Duration.ofSeconds(30);

    private final HostAccess ssh;
    private final Duration settle;
    private final Duration poll;

    public HealthGate(HostAccess ssh, Duration settle, Duration poll) {
        this.ssh = ssh;
        this.settle = settle;
        this.poll = poll;
    }

    public String await(HostTarget host, App app) {
        return await(host, app, new HostLayout(app.name()).unitName(), app.port(),
                ReleaseCommands.journalTail(app.name(), 15));
    }

    /** The same gate for one zero-downtime slot: its own unit, on its internal port, its own journal lines. */
    public String await(HostTarget host, App app, Slot slot) {
        return await(host, app, new HostLayout(app.name()).slotUnitName(slot), new SlotPorts(app.port()).port(slot),
                SlotCommands.journalTail(app.name(), slot, 15));
    }

    /** One check of a slot that is already up (a warm standby): HTTP 2xx on its port now, or no health path to ask. */
    public boolean answers(HostTarget host, App app, Slot slot) {
        if (app.healthPath() == null) {
            return true;
        }
        int status = ssh.forwardAndGet(host, new SlotPorts(app.port()).port(slot), app.healthPath(), SSH_STEP);
        return status >= 200 && status < 300;
    }

    private String await(HostTarget host, App app, String unit, int port, RemoteCommand journal) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(app.healthTimeoutSeconds()).toNanos();
        long activeSince = -1;
        String last = "not checked yet";
        while (System.nanoTime() < deadline) {
            String state = ssh.runAllowingFailure(host, "health",
                    HostCommands.systemctl("is-active", unit).privileged(host.root()), SSH_STEP).stdout().trim();
            if (state.equals("failed")) {
                throw unhealthy(host, journal, "the unit failed to start");
            }
            if (!state.equals("active")) {
                activeSince = -1;
                last = "unit " + state;
            } else {
                activeSince = activeSince < 0 ? System.nanoTime() : activeSince;
                if (System.nanoTime() - activeSince >= settle.toNanos()) {
                    if (app.healthPath() == null) {
                        return "unit active for " + settle.toSeconds() + " s (no health path set)";
                    }
                    int status = ssh.forwardAndGet(host, port, app.healthPath(), SSH_STEP);
                    if (status >= 200 && status < 300) {
                        return "HTTP " + status + " from " + app.healthPath() + " after "
                                + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s";
                    }
                    last = status < 0 ? "nothing answers on port " + port : "HTTP " + status + " from " + app.healthPath();
                }
            }
            sleep();
        }
        throw unhealthy(host, journal, "not healthy within " + app.healthTimeoutSeconds() + " s (last: " + last + ")");
    }

    private IllegalStateException unhealthy(HostTarget host, RemoteCommand journalTail, String why) {
        String journal = ssh.runAllowingFailure(host, "health", journalTail.privileged(host.root()), SSH_STEP).stdout().strip();
        return new IllegalStateException(why + (journal.isEmpty() ? "" : "; last journal lines:\n" + journal));
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for health");
        }
    }
}
