package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.HostSlots;
import dev.deployer.server.remote.ProxyApiCall;
import dev.deployer.server.remote.ProxyCommands;
import dev.deployer.server.remote.ProxyConfig;
import dev.deployer.server.remote.ProxySpec;
import dev.deployer.server.remote.ProxyStats;
import dev.deployer.server.remote.ProxyUnit;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.remote.Slot;
import dev.deployer.server.remote.SlotCommands;
import dev.deployer.server.remote.SlotPorts;
import dev.deployer.server.remote.SlotState;
import dev.deployer.server.remote.SystemdUnit;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A zero-downtime release on one host: the new release starts in the idle slot on its own
 * internal port and passes the health gate there; only then does the proxy on the app's port
 * send it traffic (config file first, then the runtime API, so a proxy restart agrees). The old
 * slot keeps serving until that moment and afterwards drains, then stays warm for the app's
 * standby window: a rollback to it is a proxy switch. Stateless: every step reads the host.
 */
public class SlotRollout {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final HostAccess ssh;
    private final HealthGate health;
    private final Clock clock;

    public SlotRollout(HostAccess ssh, HealthGate health, Clock clock) {
        this.ssh = ssh;
        this.health = health;
        this.clock = clock;
    }

    /**
     * The standby slot of {@code host}, when it runs exactly {@code release} (same jar, env file and unit) and answers
     * its health path: making that release live there is a proxy switch. Two round trips (state, hashes) and one
     * health request; empty otherwise, or when the host cannot be read.
     */
    public Optional<Warm> warmStandby(HostTarget host, App app, Release release, Map<String, Secret> config) {
        return warm(host, app, read(host, app), release, config);
    }

    private Optional<Warm> warm(HostTarget host, App app, HostSlots now, Release release, Map<String, Secret> config) {
        return now.live().map(Slot::other)
                .filter(standby -> runs(host, app, now, standby, release, config) && health.answers(host, app, standby))
                .map(standby -> new Warm(standby, now.slots().slot(standby).version(), now.slots().standbyEnds().isPresent()));
    }

    /** A standby found warm: the slot, the release version its link names now, and whether its stop timer is armed. */
    public record Warm(Slot slot, int runsVersion, boolean timerArmed) {}

    /**
     * Traffic moves to the warm slot in one round trip: the standby's timer cancelled first (so it cannot stop the slot
     * going live), then the runtime switch. Files follow in {@link #persistWarm}.
     */
    public void switchToWarm(HostTarget host, App app, Warm warm, StepLog log) {
        log.step(host, "switch", () -> {
            ProxyApiCall call = ProxyCommands.switchTo(app.name(), warm.slot());
            RemoteCommand command = warm.timerArmed()
                    ? SlotCommands.cancelStandbyStop(app.name()).then(call.command()) : call.command();
            api(host, app, new ProxyApiCall(command, call.input()));
            return "slot " + warm.slot() + " was warm with this release: proxy switched to it, no JVM started";
        });
    }

    /**
     * After a switch to a warm slot: the release's directory gets the slot's jar (a hard link: no bytes sent), the slot
     * link, proxy config, boot unit and {@code current} name the release, so a proxy restart or a reboot agrees.
     */
    public void persistWarm(HostTarget host, App app, Release release, Warm warm, StepLog log) {
        log.step(host, "persist", () -> {
            HostLayout layout = new HostLayout(app.name());
            RemoteCommand place = ReleaseCommands.ensureDirs(app.name(), release.version());
            if (warm.runsVersion() != release.version()) {
                place = place.then(ReleaseCommands.linkExisting(layout.releaseJar(warm.runsVersion()), layout.releaseJar(release.version()),
                        suffix()));
            }
            ssh.run(host, "persist", place.then(SlotCommands.pointSlot(app.name(), warm.slot(), release.version(), suffix()))
                    .then(ProxyCommands.ensureEtcDir(app.name())).privileged(host.root()), STEP_TIMEOUT);
            if (warm.runsVersion() != release.version()) {
                HostRollout.writeSum(ssh, host, "persist", layout.releaseJarSum(release.version()), release.artifactSha256());
            }
            writeCandidate(host, app, warm.slot(), "persist");
            bootAndCurrent(host, app, warm.slot(), release, "persist", Optional.of(ProxyCommands.publishConfig(app.name())));
            return layout.releaseDir(release.version()) + " linked from v" + warm.runsVersion() + "; proxy config, boot unit and current"
                    + " name slot " + warm.slot() + " (" + release.label() + ")";
        });
    }

    /** Makes {@code release} live on {@code host}; throws, with the live slot untouched, when it cannot. */
    public void activate(HostTarget host, App app, Release release, Map<String, Secret> config, StepLog log) {
        HostSlots now = read(host, app);
        // A warm standby that runs exactly this release and answers its health check: switching is all it takes.
        Optional<Warm> warm = warm(host, app, now, release, config);
        if (warm.isPresent()) {
            switchToWarm(host, app, warm.get(), log);
            persistWarm(host, app, release, warm.get(), log);
            return;
        }
        Slot idle = now.live().map(Slot::other).orElse(Slot.A);
        log.step(host, "configure", () -> configure(host, app, release, config, idle, now));
        log.step(host, "start", () -> {
            ssh.run(host, "start", ProxyCommands.startSlot(app.name(), idle).privileged(host.root()), STEP_TIMEOUT);
            return new HostLayout(app.name()).slotUnitName(idle) + " started on port " + new SlotPorts(app.port()).port(idle);
        });
        log.step(host, "health", () -> health.await(host, app, idle));
        log.step(host, "switch", () -> {
            boolean running = now.proxyRunning();
            switchTo(host, app, idle, release, running);
            return running ? "proxy on port " + app.port() + " switched to slot " + idle
                    : "proxy started on port " + app.port() + " with slot " + idle + " live";
        });
    }

    /**
     * Puts a host back on {@code previous}: when the slot that ran it is still up this is a switch back (and the
     * new slot is stopped); otherwise {@code previous} starts like a deploy. Without a previous release the app is
     * taken off the host: slots and proxy stopped.
     */
    public void revert(HostTarget host, App app, Optional<Release> previous, Map<String, Secret> previousConfig, StepLog log) {
        HostSlots now = read(host, app);
        if (previous.isEmpty()) {
            log.step(host, "stop", () -> {
                RemoteCommand stop = RemoteCommand.of("systemctl", "disable", "--now", "--", new HostLayout(app.name()).proxyUnitName(),
                        new HostLayout(app.name()).slotUnitName(Slot.A), new HostLayout(app.name()).slotUnitName(Slot.B));
                ssh.runAllowingFailure(host, "stop", stop.privileged(host.root()), STEP_TIMEOUT);
                ssh.run(host, "stop", HostCommands.removeFile(new HostLayout(app.name()).current()).privileged(host.root()), STEP_TIMEOUT);
                return "slots and proxy stopped; no release is current on this host";
            });
            return;
        }
        Release back = previous.get();
        if (!now.proxyRunning()) {
            // The host never switched to slots: its own unit still serves the previous release, untouched.
            log.step(host, "stop", () -> {
                RemoteCommand stop = RemoteCommand.of("systemctl", "disable", "--now", "--",
                        new HostLayout(app.name()).slotUnitName(Slot.A), new HostLayout(app.name()).slotUnitName(Slot.B));
                ssh.runAllowingFailure(host, "stop", stop.privileged(host.root()), STEP_TIMEOUT);
                return "new slot stopped; " + new HostLayout(app.name()).unitName() + " still serves " + back.label();
            });
            return;
        }
        Optional<Slot> old = List.of(Slot.values()).stream()
                .filter(slot -> now.slots().slot(slot).active() && Integer.valueOf(back.version()).equals(now.slots().slot(slot).version()))
                .findFirst();
        if (old.isEmpty()) {
            activate(host, app, back, previousConfig, log);
            return;
        }
        Slot slot = old.get();
        log.step(host, "switch", () -> {
            if (now.live().orElse(null) != slot) {
                switchTo(host, app, slot, back, now.proxyRunning());
            }
            ssh.runAllowingFailure(host, "switch", ProxyCommands.stopSlot(app.name(), slot.other()).privileged(host.root()),
                    STEP_TIMEOUT);
            return "slot " + slot + " (" + back.label() + ") live again; slot " + slot.other() + " stopped";
        });
    }

    /**
     * After every host switched: the old slot finishes its in-flight requests (up to the app's drain time), is
     * taken out of the proxy, and then stops or, for the standby window, stays warm; the host's own timer stops it.
     */
    public void settle(HostTarget host, App app, StepLog log) {
        HostSlots now = read(host, app);
        if (now.live().isEmpty()) {
            return;
        }
        Slot old = now.live().get().other();
        if (!now.slots().slot(old).active()) {
            return;
        }
        log.step(host, "drain", () -> {
            String drained = drain(host, app, old);
            ssh.runAllowingFailure(host, "drain", SlotCommands.cancelStandbyStop(app.name()).privileged(host.root()), STEP_TIMEOUT);
            if (app.standbySeconds() == 0) {
                ssh.run(host, "drain", ProxyCommands.stopSlot(app.name(), old).privileged(host.root()), STEP_TIMEOUT);
                return drained + "; slot " + old + " stopped (no standby)";
            }
            Instant until = clock.instant().plusSeconds(app.standbySeconds());
            ssh.run(host, "drain", SlotCommands.stopStandbyAt(app.name(), old, until).privileged(host.root()), STEP_TIMEOUT);
            return drained + "; slot " + old + " (v" + now.slots().slot(old).version() + ") stays warm for "
                    + app.standbySeconds() + " s, one more JVM on this host until then";
        });
    }

    private String drain(HostTarget host, App app, Slot old) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(app.drainSeconds()).toNanos();
        while (true) {
            int sessions = stats(host, app).flatMap(s -> s.server(old)).map(ProxyStats.Server::sessions).orElse(0);
            if (sessions == 0) {
                api(host, app, ProxyCommands.maintenance(app.name(), old));
                return "slot " + old + " drained in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms";
            }
            if (System.nanoTime() >= deadline) {
                api(host, app, ProxyCommands.shutdownSessions(app.name(), old));
                api(host, app, ProxyCommands.maintenance(app.name(), old));
                return "slot " + old + " still had " + sessions + " request(s) after " + app.drainSeconds() + " s: cut";
            }
            sleep(200);
        }
    }

    private String configure(HostTarget host, App app, Release release, Map<String, Secret> config, Slot idle, HostSlots now) {
        HostLayout layout = new HostLayout(app.name());
        boolean root = host.root();
        if (now.slots().slot(idle).active()) {
            // An older standby: a new release takes its place.
            ssh.runAllowingFailure(host, "configure", SlotCommands.cancelStandbyStop(app.name()).privileged(root), STEP_TIMEOUT);
            ssh.run(host, "configure", ProxyCommands.stopSlot(app.name(), idle).privileged(root), STEP_TIMEOUT);
        }
        ssh.run(host, "configure", ProxyCommands.ensureEtcDir(app.name()).privileged(root), STEP_TIMEOUT);
        ssh.writeFile(host, "configure", layout.slotEnvFile(idle), EnvFile.render(config, new SlotPorts(app.port()).port(idle)),
                "0600", "root:root");
        ssh.run(host, "configure", SlotCommands.pointSlot(app.name(), idle, release.version(), suffix()).privileged(root), STEP_TIMEOUT);
        boolean reload = writeIfChanged(host, layout.slotUnitFile(idle), SystemdUnit.forSlot(release.unitText(), app.name()));
        reload |= writeIfChanged(host, layout.proxyUnitFile(), ProxyUnit.render(app.name()));
        if (reload) {
            ssh.run(host, "configure", HostCommands.daemonReload().privileged(root), STEP_TIMEOUT);
        }
        return "slot " + idle + " set up for " + release.label() + " (env file: " + config.size() + " vars + PORT "
                + new SlotPorts(app.port()).port(idle) + ")" + (reload ? "; units changed, daemon reloaded" : "");
    }

    /** Config file first (so a proxy restart agrees), then the runtime switch or the proxy's first start. */
    private void switchTo(HostTarget host, App app, Slot slot, Release release, boolean proxyRunning) {
        boolean root = host.root();
        HostLayout layout = new HostLayout(app.name());
        writeConfig(host, app, slot, "switch");
        if (proxyRunning) {
            api(host, app, ProxyCommands.switchTo(app.name(), slot));
        } else {
            // Moving from one unit to slots: the old unit holds the app's port until it stops (a gap of about a second, once).
            ssh.runAllowingFailure(host, "switch", RemoteCommand.of("systemctl", "disable", "--now", "--", layout.unitName())
                    .privileged(root), STEP_TIMEOUT);
            ssh.run(host, "switch", ProxyCommands.startProxy(app.name()).privileged(root), STEP_TIMEOUT);
        }
        bootAndCurrent(host, app, slot, release, "switch");
    }

    /** The proxy config naming {@code slot} live, checked by haproxy before it replaces the old one. */
    private void writeConfig(HostTarget host, App app, Slot slot, String step) {
        ssh.run(host, step, ProxyCommands.ensureEtcDir(app.name()).privileged(host.root()), STEP_TIMEOUT);
        writeCandidate(host, app, slot, step);
        ssh.run(host, step, ProxyCommands.publishConfig(app.name()).privileged(host.root()), STEP_TIMEOUT);
    }

    /** The config naming {@code slot} live beside the one in use; {@link ProxyCommands#publishConfig} checks and moves it. */
    private void writeCandidate(HostTarget host, App app, Slot slot, String step) {
        ProxySpec spec = new ProxySpec(app.name(), app.port(), slot, Math.max(1, app.drainSeconds()));
        ssh.writeFile(host, step, new HostLayout(app.name()).proxyConfigCandidate(),
                ProxyConfig.render(spec).getBytes(StandardCharsets.UTF_8), "0644", "root:root");
    }

    /** A reboot starts the live slot, not the standby (a reboot ends the standby window); the other slot may have no unit yet. */
    private void bootAndCurrent(HostTarget host, App app, Slot slot, Release release, String step) {
        bootAndCurrent(host, app, slot, release, step, Optional.empty());
    }

    /** {@code before}: a command run in the same round trip first (the whole step fails when it does). */
    private void bootAndCurrent(HostTarget host, App app, Slot slot, Release release, String step, Optional<RemoteCommand> before) {
        HostLayout layout = new HostLayout(app.name());
        RemoteCommand boot = RemoteCommand.and(HostCommands.enable(layout.slotUnitName(slot)),
                ReleaseCommands.switchCurrent(app.name(), release.version(), suffix()));
        ssh.run(host, step, before.map(first -> first.then(boot)).orElse(boot).privileged(host.root()), STEP_TIMEOUT);
        ssh.runAllowingFailure(host, step, HostCommands.disable(layout.slotUnitName(slot.other())).privileged(host.root()),
                STEP_TIMEOUT);
    }

    /** Whether {@code slot} is up and runs exactly this release: the same jar, env file and unit (by sha256, on the host). */
    private boolean runs(HostTarget host, App app, HostSlots now, Slot slot, Release release, Map<String, Secret> config) {
        SlotState.Instance instance = now.slots().slot(slot);
        if (!instance.active() || instance.version() == null) {
            return false;
        }
        HostLayout layout = new HostLayout(app.name());
        // The jar by its sum file (written when it was placed and checked): hashing tens of MB on every probe is what a
        // deploy of a fresh build would pay for nothing. A jar placed before sum files existed is hashed.
        CommandResult sums = ssh.runAllowingFailure(host, "switch", RemoteCommand.of("sha256sum", "--", layout.slotEnvFile(slot),
                layout.slotUnitFile(slot)).then(HostCommands.readFile(layout.releaseJarSum(instance.version())))
                .privileged(host.root()), STEP_TIMEOUT);
        List<String> hashes = sums.stdout().lines().map(line -> line.split("\\s+", 2)[0]).toList();
        if (hashes.size() < 2 || !hashes.get(0).equals(Sha256.hex(EnvFile.render(config, new SlotPorts(app.port()).port(slot))))
                || !hashes.get(1).equals(Sha256.hex(SystemdUnit.forSlot(release.unitText(), app.name()).getBytes(StandardCharsets.UTF_8)))) {
            return false;
        }
        String jar = hashes.size() == 3 && sums.ok() ? hashes.get(2)
                : ssh.runAllowingFailure(host, "switch", RemoteCommand.of("sha256sum", "--", layout.releaseJar(instance.version()))
                        .privileged(host.root()), STEP_TIMEOUT).stdout().split("\\s+", 2)[0];
        return jar.equalsIgnoreCase(release.artifactSha256());
    }

    private boolean writeIfChanged(HostTarget host, String path, String text) {
        String existing = ssh.runAllowingFailure(host, "configure", HostCommands.readFile(path).privileged(host.root()), STEP_TIMEOUT)
                .stdout();
        if (existing.equals(text)) {
            return false;
        }
        ssh.writeFile(host, "configure", path, text.getBytes(StandardCharsets.UTF_8), "0644", "root:root");
        return true;
    }

    HostSlots read(HostTarget host, App app) {
        ProxyApiCall call = HostSlots.read(app.name());
        return HostSlots.parse(app.name(), ssh.runAllowingFailure(host, "configure", call.command().privileged(host.root()), call.stdin(),
                STEP_TIMEOUT).stdout());
    }

    private Optional<ProxyStats> stats(HostTarget host, App app) {
        ProxyApiCall call = ProxyCommands.showStat(app.name());
        CommandResult result = ssh.runAllowingFailure(host, "switch", call.command().privileged(host.root()), call.stdin(), STEP_TIMEOUT);
        if (!result.ok() || !result.stdout().startsWith("# ")) {
            return Optional.empty();
        }
        return Optional.of(ProxyStats.parse(result.stdout()));
    }

    private void api(HostTarget host, App app, ProxyApiCall call) {
        CommandResult result = ssh.run(host, "switch", call.command().privileged(host.root()), call.stdin(), STEP_TIMEOUT);
        if (!ProxyApiCall.applied(result.stdout())) {
            throw new IllegalStateException("the proxy of " + app.name() + " refused '" + call.input().strip() + "': "
                    + result.stdout().strip());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining");
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
