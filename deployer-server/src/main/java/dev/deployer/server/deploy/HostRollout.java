package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.AppUser;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.remote.SlotCommands;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps that make a release current on one host. {@link #stage} puts the artifact in place
 * without touching the running app; {@link #activate} writes env and unit, switches
 * {@code current}, restarts and waits for health.
 */
public class HostRollout {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final HostAccess ssh;
    private final HealthGate health;
    private final DeltaTransfer delta;

    /** Without delta transfer: a jar that is not on the host is always sent whole. */
    public HostRollout(HostAccess ssh, HealthGate health) {
        this(ssh, health, null);
    }

    /** {@code delta}: sends a patch against an earlier release's jar when the host holds one (null: never). */
    public HostRollout(HostAccess ssh, HealthGate health, DeltaTransfer delta) {
        this.ssh = ssh;
        this.health = health;
        this.delta = delta;
    }

    /** The app's user, the release dir and its jar: nothing the running app sees. True when bytes were uploaded. */
    public boolean stage(HostTarget host, App app, Release release, Path artifact, StepLog log) {
        HostLayout layout = new HostLayout(app.name());
        // One round trip makes the release's directory and lists the jars already on the host.
        List<DeltaTransfer.JarOnHost> jars = log.stepWith(host, "prepare", () -> {
            ensureUser(host, layout);
            CommandResult listed = ssh.run(host, "prepare", ReleaseCommands.ensureDirs(app.name(), release.version())
                    .then(ReleaseCommands.listReleaseJars(app.name())).privileged(host.root()), STEP_TIMEOUT);
            return new StepResult<>(jarsOnHost(listed.stdout()), "user " + app.name() + " and " + layout.releaseDir(release.version())
                    + " ready");
        });
        String target = layout.releaseJar(release.version());
        long sent = log.stepWith(host, "artifact", () -> {
            StepResult<Long> placed = placeArtifact(host, app, release, artifact, target, jars);
            boolean summed = jars.stream().anyMatch(jar -> jar.path().equals(target) && jar.summed()
                    && jar.sha256().equals(release.artifactSha256()));
            if (!summed) {
                writeSum(ssh, host, "artifact", layout.releaseJarSum(release.version()), release.artifactSha256());
            }
            return placed;
        });
        log.uploaded(host, sent);
        return sent > 0;
    }

    /** The sum file of a jar now in place and checked (by sha256 on the host, or as the hard link of one that was). */
    static void writeSum(HostAccess ssh, HostTarget host, String step, String path, String sha256) {
        ssh.writeFile(host, step, path, (sha256 + "\n").getBytes(StandardCharsets.US_ASCII), "0644", "root:root");
    }

    /** The bytes sent (0: the jar was on the host already). */
    private StepResult<Long> placeArtifact(HostTarget host, App app, Release release, Path artifact, String target,
            List<DeltaTransfer.JarOnHost> jars) {
        Optional<String> onHost = jars.stream().filter(jar -> jar.sha256().equals(release.artifactSha256()))
                .map(DeltaTransfer.JarOnHost::path).min(Comparator.comparing((String path) -> !path.equals(target)));
        if (onHost.isPresent() && onHost.get().equals(target)) {
            return new StepResult<>(0L, "already on host, nothing uploaded");
        }
        if (jars.stream().anyMatch(jar -> jar.path().equals(target) && jar.summed())) {
            // A sum file naming another jar (an app of that name deleted and made again): gone before the jar changes,
            // so no moment has a sum file that lies about the jar beside it.
            ssh.run(host, "artifact", HostCommands.removeFile(target + HostLayout.SUM_SUFFIX).privileged(host.root()), STEP_TIMEOUT);
        }
        if (onHost.isPresent()) {
            ssh.run(host, "artifact", ReleaseCommands.linkExisting(onHost.get(), target, suffix()).privileged(host.root()),
                    STEP_TIMEOUT);
            return new StepResult<>(0L, "linked from " + onHost.get() + ", nothing uploaded");
        }
        if (artifact == null) {
            throw new IllegalStateException("the artifact " + release.artifactSha256().substring(0, 12)
                    + " is neither on the host nor in the server's store any more: deploy a new build instead");
        }
        return delta == null ? DeltaTransfer.full(ssh, host, release, artifact, target, null)
                : delta.place(host, app, release, artifact, target, jars);
    }

    /**
     * The release jars {@link ReleaseCommands#listReleaseJars} printed: {@code SHA  PATH} lines for jars it hashed,
     * {@code DIR SHA} lines for jars whose sum file it read.
     */
    static List<DeltaTransfer.JarOnHost> jarsOnHost(String listing) {
        List<DeltaTransfer.JarOnHost> jars = new java.util.ArrayList<>();
        for (String line : listing.lines().toList()) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length != 2) {
                continue;
            }
            if (parts[0].matches("^[0-9a-f]{64}$") && parts[1].endsWith("/app.jar")) {
                jars.add(new DeltaTransfer.JarOnHost(parts[0], parts[1].trim(), false));
            } else if (parts[0].startsWith("/") && parts[1].matches("^[0-9a-f]{64}$")) {
                jars.add(new DeltaTransfer.JarOnHost(parts[1], parts[0] + "/app.jar", true));
            }
        }
        return List.copyOf(jars);
    }

    /** The app's own system user; a user of that name that deployer did not make is never taken over. */
    private void ensureUser(HostTarget host, HostLayout layout) {
        CommandResult found = ssh.runAllowingFailure(host, "prepare", AppUser.lookup(layout), STEP_TIMEOUT);
        if (found.exitCode() != 0) {
            ssh.run(host, "prepare", AppUser.create(layout).privileged(host.root()), STEP_TIMEOUT);
        } else if (!AppUser.isDeployers(layout, found.stdout())) {
            throw new IllegalStateException("a user named " + layout.user() + " already exists on " + host.name()
                    + " and was not made by deployer: rename the app or remove that user");
        }
    }

    /** Env file, unit, switch, restart, health. Throws when the host does not come up healthy. */
    public void activate(HostTarget host, App app, Release release, Map<String, Secret> config, StepLog log) {
        boolean root = host.root();
        log.step(host, "configure", () -> {
            ssh.writeFile(host, "configure", new HostLayout(app.name()).envFile(), EnvFile.render(config, app.port()), "0600", "root:root");
            String unitPath = new HostLayout(app.name()).unitFile();
            String existing = ssh.runAllowingFailure(host, "configure", HostCommands.readFile(unitPath).privileged(root), STEP_TIMEOUT).stdout();
            if (existing.equals(release.unitText())) {
                return "env file written (" + config.size() + " vars + PORT); unit unchanged";
            }
            ssh.writeFile(host, "configure", unitPath, release.unitText().getBytes(StandardCharsets.UTF_8), "0644", "root:root");
            ssh.run(host, "configure", HostCommands.daemonReload().privileged(root), STEP_TIMEOUT);
            return "env file written (" + config.size() + " vars + PORT); unit changed, daemon reloaded";
        });
        log.step(host, "switch", () -> {
            ssh.run(host, "switch", ReleaseCommands.switchCurrent(app.name(), release.version(), suffix()).privileged(root), STEP_TIMEOUT);
            return "current -> releases/" + release.label();
        });
        log.step(host, "restart", () -> {
            String moved = takeOffSlots(host, app);
            ssh.run(host, "restart", RemoteCommand.and(HostCommands.systemctl("enable", new HostLayout(app.name()).unitName()),
                    HostCommands.systemctl("restart", new HostLayout(app.name()).unitName())).privileged(root), STEP_TIMEOUT);
            return new HostLayout(app.name()).unitName() + " restarted" + moved;
        });
        log.step(host, "health", () -> health.await(host, app));
    }

    /**
     * An app moved back to {@code strategy: restart}: its proxy holds the app's port and its slots run, until they are
     * stopped and disabled here, just before the unit restarts (a gap of about a second, once).
     */
    private String takeOffSlots(HostTarget host, App app) {
        List<String> units = ssh.runAllowingFailure(host, "restart", SlotCommands.listSlotUnits(app.name()).privileged(host.root()),
                STEP_TIMEOUT).stdout().lines().map(String::strip).filter(u -> u.matches("^deployer-[a-z0-9-]+@[a-z]+\\.service$")).toList();
        if (units.isEmpty()) {
            return "";
        }
        List<String> words = new java.util.ArrayList<>(List.of("systemctl", "disable", "--now", "--"));
        words.addAll(units);
        ssh.run(host, "restart", RemoteCommand.of(words).privileged(host.root()), STEP_TIMEOUT);
        return " (moved off zero-downtime: " + String.join(", ", units) + " stopped and disabled)";
    }

    /** Takes the app off a host that had no release before: stop, disable, no current link. */
    public void retire(HostTarget host, App app, StepLog log) {
        boolean root = host.root();
        log.step(host, "stop", () -> {
            ssh.runAllowingFailure(host, "stop", RemoteCommand.and(HostCommands.systemctl("disable", new HostLayout(app.name()).unitName()),
                    HostCommands.systemctl("stop", new HostLayout(app.name()).unitName())).privileged(root), STEP_TIMEOUT);
            ssh.run(host, "stop", HostCommands.removeFile(new HostLayout(app.name()).current()).privileged(root), STEP_TIMEOUT);
            return "stopped; no release is current on this host";
        });
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
