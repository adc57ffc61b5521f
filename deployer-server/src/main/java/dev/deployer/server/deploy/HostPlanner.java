package dev.deployer.server.deploy;

import dev.deployer.api.DeployPlan;
import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.remote.EnvKeys;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.HostSlots;
import dev.deployer.server.remote.ProxyUnit;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.remote.Slot;
import dev.deployer.server.remote.SlotCommands;
import dev.deployer.server.remote.SlotPorts;
import dev.deployer.server.remote.SystemdUnit;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One host's part of a dry run: reads what is there (current link, release jars, env file, unit files, unit and slot
 * states, process instances) and says what a deploy of {@code target} would change. Every command is a read
 * ({@code readlink}, {@code find}, {@code sha256sum}, {@code cat}, {@code systemctl show/list-units}, the proxy's
 * {@code show stat}, a health GET of a warm standby); env values are compared by sha256 and never leave {@link EnvKeys}.
 */
class HostPlanner {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final String STEP = "dry run";

    private final HostAccess ssh;
    private final SlotRollout slots;
    private final DeltaTransfer delta;
    private final ProcessRollout processes;

    /** {@code delta}: null when jars are always sent whole. */
    HostPlanner(HostAccess ssh, SlotRollout slots, DeltaTransfer delta) {
        this.ssh = ssh;
        this.slots = slots;
        this.delta = delta;
        this.processes = new ProcessRollout(ssh, Duration.ZERO);
    }

    /** {@code built}: whether the target's artifact exists (false: the commit needs a build, no bytes are known). */
    DeployPlan.HostPlan plan(HostTarget host, App app, Release target, Map<String, Secret> config, boolean built) {
        HostLayout layout = new HostLayout(app.name());
        String current = read(host, ReleaseCommands.readCurrent(app.name())).strip();
        DeployPlan.Transfer transfer = built ? transfer(host, app, target) : new DeployPlan.Transfer("needs-a-build", null, null,
                "known once the commit is built");
        List<String> units = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        EnvKeys.Diff env;
        boolean zeroDowntime = slots != null && app.zeroDowntime();
        if (zeroDowntime) {
            HostSlots now = slots.read(host, app);
            Optional<Slot> live = now.live();
            Slot idle = live.map(Slot::other).orElse(Slot.A);
            env = live.map(slot -> envDiff(host, layout.slotEnvFile(slot), config, new SlotPorts(app.port()).port(slot)))
                    .orElseGet(() -> envDiff(host, layout.envFile(), config, app.port()));
            Slot shown = live.orElse(idle);
            units.addAll(unitDiff(host, layout.slotUnitFile(shown), SystemdUnit.forSlot(target.unitText(), app.name())));
            units.addAll(unitDiff(host, layout.proxyUnitFile(), ProxyUnit.render(app.name())));
            steps.addAll(slotSteps(host, app, target, config, built, now, idle));
        } else {
            env = envDiff(host, layout.envFile(), config, app.port());
            units.addAll(unitDiff(host, layout.unitFile(), target.unitText()));
            steps.addAll(restartSteps(host, app, layout));
        }
        List<String> listed = processes.listed(host, app.name());
        ProcessRollout.Changes changes = ProcessRollout.changes(app.name(), Optional.of(target), listed);
        for (String type : changes.wanted().keySet()) {
            String path = HostLayout.UNIT_DIR + "/" + layout.processTemplateName(type);
            units.addAll(unitDiff(host, path, SystemdUnit.forProcess(app.name(), type, changes.wanted().get(type))));
        }
        changes.stop().forEach(unit -> steps.add("stop and disable " + unit));
        changes.stale().forEach(file -> steps.add("remove " + HostLayout.UNIT_DIR + "/" + file + " (type gone from the Procfile)"));
        changes.start().forEach(unit -> steps.add((listed.contains(unit) ? "restart " : "start ") + unit + " on " + target.label()));
        return new DeployPlan.HostPlan(host.name(), null, current.isEmpty() ? null : current, UnitDiff.bounded(units),
                env.added(), env.removed(), env.changed(), transfer, steps);
    }

    private DeployPlan.Transfer transfer(HostTarget host, App app, Release target) {
        HostLayout layout = new HostLayout(app.name());
        List<DeltaTransfer.JarOnHost> jars = HostRollout.jarsOnHost(read(host, ReleaseCommands.listReleaseJars(app.name())));
        String path = layout.releaseJar(target.version());
        long size = target.artifactSize();
        Optional<DeltaTransfer.JarOnHost> same = jars.stream().filter(jar -> jar.sha256().equals(target.artifactSha256()))
                .min(java.util.Comparator.comparing((DeltaTransfer.JarOnHost jar) -> !jar.path().equals(path)));
        if (same.isPresent() && same.get().path().equals(path)) {
            return new DeployPlan.Transfer("on-host", 0L, null, "already on the host: nothing sent");
        }
        if (same.isPresent()) {
            Integer base = versionOf(same.get().path());
            return new DeployPlan.Transfer("hard-link", 0L, base, "the same jar is on the host (" + same.get().path()
                    + "): a hard link, nothing sent");
        }
        if (delta != null && size < DeltaTransfer.SMALL_JAR) {
            return new DeployPlan.Transfer("whole-jar", size, null, "the whole jar: " + Sizes.bytes(size) + " (under "
                    + Sizes.bytes(DeltaTransfer.SMALL_JAR) + ": sent whole, no patch made)");
        }
        Optional<DeltaTransfer.PlannedPatch> patch = delta == null ? Optional.empty() : delta.planned(app, path, target.artifactSha256(), jars);
        if (patch.isEmpty()) {
            return new DeployPlan.Transfer("whole-jar", size, null, "the whole jar: " + Sizes.bytes(size)
                    + (jars.isEmpty() ? " (no earlier release on the host)" : ""));
        }
        int base = patch.get().base();
        Optional<Long> bytes = patch.get().bytes();
        if (bytes.isPresent() && bytes.get() < 0) {
            return new DeployPlan.Transfer("whole-jar", size, base, "the whole jar: " + Sizes.bytes(size) + " (a patch against v" + base
                    + " would be more than half the jar)");
        }
        return bytes.map(b -> new DeployPlan.Transfer("patch", b, base, "a patch of " + Sizes.bytes(b) + " against v" + base
                        + " (made before; " + Sizes.share(b, size) + " of " + Sizes.bytes(size) + ")"))
                .orElseGet(() -> new DeployPlan.Transfer("patch", null, base, "a patch against v" + base + " (size known once made;"
                        + " the whole jar, " + Sizes.bytes(size) + ", if the patch is over half of it)"));
    }

    private static Integer versionOf(String jarPath) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/releases/v([0-9]{1,9})/app\\.jar$").matcher(jarPath);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The file on the host against what the deploy would write: keys only leave this method. */
    private EnvKeys.Diff envDiff(HostTarget host, String path, Map<String, Secret> config, int port) {
        Map<String, String> before = EnvKeys.digests(read(host, HostCommands.readFile(path)));
        Map<String, String> after = EnvKeys.digests(new String(EnvFile.render(config, port), StandardCharsets.UTF_8));
        return EnvKeys.diff(before, after);
    }

    private List<String> unitDiff(HostTarget host, String path, String text) {
        return UnitDiff.of(path, read(host, HostCommands.readFile(path)), text);
    }

    private List<String> restartSteps(HostTarget host, App app, HostLayout layout) {
        List<String> steps = new ArrayList<>();
        List<String> slotUnits = read(host, SlotCommands.listSlotUnits(app.name())).lines().map(String::strip)
                .filter(u -> u.matches("^deployer-[a-z0-9-]+@[a-z]+\\.service$")).toList();
        if (!slotUnits.isEmpty()) {
            steps.add("stop and disable " + String.join(", ", slotUnits) + " (moving off zero-downtime: about a second without an answer)");
        }
        boolean active = read(host, ReleaseCommands.unitState(app.name())).lines().anyMatch(line -> line.strip().equals("ActiveState=active"));
        steps.add((active ? "restart " : "start ") + layout.unitName() + " on port " + app.port() + ", then " + healthCheck(app));
        return steps;
    }

    private List<String> slotSteps(HostTarget host, App app, Release target, Map<String, Secret> config, boolean built,
                                   HostSlots now, Slot idle) {
        HostLayout layout = new HostLayout(app.name());
        Optional<SlotRollout.Warm> warm = built ? slots.warmStandby(host, app, target, config) : Optional.empty();
        if (warm.isPresent()) {
            return List.of("switch the proxy on port " + app.port() + " to slot " + warm.get().slot() + ": its warm standby runs this"
                    + " release and answers its health check, so no JVM starts");
        }
        List<String> steps = new ArrayList<>();
        if (now.slots().slot(idle).active()) {
            steps.add("stop the old standby " + layout.slotUnitName(idle));
        }
        steps.add("start " + layout.slotUnitName(idle) + " on " + target.label() + " (port " + new SlotPorts(app.port()).port(idle)
                + "), then " + healthCheck(app));
        Optional<Slot> live = now.live();
        if (live.isPresent()) {
            steps.add("switch the proxy on port " + app.port() + " from slot " + live.get() + " to slot " + idle);
            steps.add(app.standbySeconds() == 0 ? "drain slot " + live.get() + " (up to " + app.drainSeconds() + " s), then stop it"
                    : "drain slot " + live.get() + " (up to " + app.drainSeconds() + " s); it stays warm for " + app.standbySeconds() + " s");
        } else {
            steps.add("stop " + layout.unitName() + " if it runs, then start " + layout.proxyUnitName() + " on port " + app.port()
                    + " with slot " + idle + " live");
        }
        return steps;
    }

    private static String healthCheck(App app) {
        return app.healthPath() == null ? "check that it stays active" : "wait for " + app.healthPath() + " to answer";
    }

    /** Output of a read-only command; a missing file or unit reads as nothing (a first deploy finds none). */
    private String read(HostTarget host, RemoteCommand command) {
        CommandResult result = ssh.runAllowingFailure(host, STEP, command.privileged(host.root()), STEP_TIMEOUT);
        return result.ok() ? result.stdout() : "";
    }
}
