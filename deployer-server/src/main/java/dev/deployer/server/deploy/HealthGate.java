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
 * Healthy means, when the app has a health path: HTTP 2xx from {@code 127.0.0.1:PORT/PATH} on the
 * host (reached through the SSH connection) with the unit active right after that answer (and, while
 * nothing answers, the unit's state asked every {@link #STATE_EVERY}: a failed unit ends the wait);
 * without one, the unit active for the settle time. No fixed wait: checks come {@code poll} apart
 * (100 ms on a server) for the first {@link #QUICK} (a JVM, Spring Boot's included, is most likely to
 * come up then, and a check found late is time lost on every host), then back off to one a second.
 */
public class HealthGate {
    private static final Duration SSH_STEP = Duration.ofSeconds(30);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    static final Duration QUICK = Duration.ofSeconds(15);
    /** While nothing answers on the port, how often the unit's own state is asked (each ask is a process on the host). */
    static final Duration STATE_EVERY = Duration.ofMillis(500);

    private final HostAccess ssh;
    private final Duration settle;
    private final Duration poll;

    /** {@code settle}: how long a unit without a health path must stay up; {@code poll}: the first interval between checks. */
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
        long stateAsked = start - STATE_EVERY.toNanos();
        String stateSaid = "";
        long delay = poll.toMillis();
        String last = "not checked yet";
        while (System.nanoTime() < deadline) {
            long checked = System.nanoTime();
            if (app.healthPath() == null) {
                String state = activeState(host, unit);
                if (state.equals("failed")) {
                    throw unhealthy(host, journal, "the unit failed to start");
                }
                if (!state.equals("active")) {
                    activeSince = -1;
                    last = "unit " + state;
                } else {
                    // Nothing to ask: staying up for the settle time is all the proof there is.
                    activeSince = activeSince < 0 ? System.nanoTime() : activeSince;
                    if (System.nanoTime() - activeSince >= settle.toNanos()) {
                        return "unit active for " + settle.toSeconds() + " s (no health path set)";
                    }
                }
            } else {
                int status = ssh.forwardAndGet(host, port, app.healthPath(), SSH_STEP);
                if (status >= 200 && status < 300) {
                    // The unit stays active alongside the answer: a JVM that answered once and then died is not healthy.
                    String after = activeState(host, unit);
                    if (after.equals("active")) {
                        return "HTTP " + status + " from " + app.healthPath() + " after "
                                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms";
                    }
                    if (after.equals("failed")) {
                        throw unhealthy(host, journal, "the unit failed to start");
                    }
                    last = "HTTP " + status + " but then unit " + after;
                } else {
                    // While nothing answers, the unit's state is asked at most every STATE_EVERY: a unit that failed ends
                    // the wait within half a second, and a starting JVM's host is not kept busy spawning systemctl.
                    if (checked - stateAsked >= STATE_EVERY.toNanos()) {
                        stateAsked = checked;
                        String state = activeState(host, unit);
                        if (state.equals("failed")) {
                            throw unhealthy(host, journal, "the unit failed to start");
                        }
                        stateSaid = state.equals("active") ? "" : "; unit " + state;
                    }
                    last = (status < 0 ? "nothing answers on port " + port : "HTTP " + status + " from " + app.healthPath()) + stateSaid;
                }
            }
            // Checks start a delay apart: the time a check took counts towards the wait.
            sleep(Math.max(0, delay - (System.nanoTime() - checked) / 1_000_000));
            // Quick while a JVM is most likely to come up; then backing off to at most one check a second.
            if (System.nanoTime() - start >= QUICK.toNanos()) {
                delay = Math.min(MAX_POLL.toMillis(), delay * 3 / 2 + 1);
            }
        }
        throw unhealthy(host, journal, "not healthy within " + app.healthTimeoutSeconds() + " s (last: " + last + ")");
    }

    private String activeState(HostTarget host, String unit) {
        return ssh.runAllowingFailure(host, "health", HostCommands.systemctl("is-active", unit).privileged(host.root()), SSH_STEP)
                .stdout().trim();
    }

    private IllegalStateException unhealthy(HostTarget host, RemoteCommand journalTail, String why) {
        String journal = ssh.runAllowingFailure(host, "health", journalTail.privileged(host.root()), SSH_STEP).stdout().strip();
        return new IllegalStateException(why + (journal.isEmpty() ? "" : "; last journal lines:\n" + journal));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for health");
        }
    }
}
