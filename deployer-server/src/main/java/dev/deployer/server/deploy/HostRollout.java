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
import dev.deployer.server.ssh.RemoteFailure;
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

    /**
     * What staging found on a host, read in the one round trip that prepares it: the release jars there, the sha256 of
     * the app's unit and env file (empty: none), its zero-downtime slot units and its process and cron units. Valid
     * while the deployment holds the app (nothing else writes them); activation and the processes use it instead of
     * asking again. {@code sent}: the artifact bytes sent to the host.
     */
    public record Staged(long sent, List<DeltaTransfer.JarOnHost> jars, Optional<String> unitSha256, Optional<String> envSha256,
                         List<String> slotUnits, List<String> processes) {}

    /** The app's user, the release dir and its jar: nothing the running app sees. */
    public Staged stage(HostTarget host, App app, Release release, Path artifact, StepLog log) {
        HostLayout layout = new HostLayout(app.name());
        // One round trip makes the release's directory and reads all the rest: jars, config hashes, units, the user.
        Staged found = log.stepWith(host, "prepare", () -> {
            Staged read = read(host, app, release);
            return new StepResult<>(read, "user " + app.name() + " and " + layout.releaseDir(release.version()) + " ready");
        });
        String target = layout.releaseJar(release.version());
        long sent = log.stepWith(host, "artifact", () -> placeArtifact(host, app, release, artifact, target, found.jars()));
        log.uploaded(host, sent);
        return new Staged(sent, found.jars(), found.unitSha256(), found.envSha256(), found.slotUnits(), found.processes());
    }

    /** The prepare round trip: dirs made, then everything staging and activation need to know; the user made if missing. */
    private Staged read(HostTarget host, App app, Release release) {
        HostLayout layout = new HostLayout(app.name());
        RemoteCommand reads = ReleaseCommands.ensureDirs(app.name(), release.version())
                .then(ReleaseCommands.listReleaseJars(app.name()))
                .then(ReleaseCommands.configHashes(app.name()))
                .then(SlotCommands.listSlotUnits(app.name()))
                .then(ProcessRollout.listing(app.name())).privileged(host.root());
        // getent last and unprivileged: its exit 2 (no such user) ends a chain that has printed everything else.
        CommandResult result = ssh.runAllowingFailure(host, "prepare", RemoteCommand.and(reads, AppUser.lookup(layout)), STEP_TIMEOUT);
        String out = result.stdout();
        Optional<String> passwd = out.lines().filter(line -> line.startsWith(layout.user() + ":")).findFirst();
        if (result.exitCode() == 2 && passwd.isEmpty()) {
            ssh.run(host, "prepare", AppUser.create(layout).privileged(host.root()), STEP_TIMEOUT);
        } else if (!result.ok()) {
            throw RemoteFailure.commandFailed(host, "prepare", "mkdir", result);
        } else if (passwd.isEmpty() || !AppUser.isDeployers(layout, passwd.get())) {
            throw new IllegalStateException("a user named " + layout.user() + " already exists on " + host.name()
                    + " and was not made by deployer: rename the app or remove that user");
        }
        Optional<String> unit = Optional.empty();
        Optional<String> env = Optional.empty();
        for (String line : out.lines().toList()) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].matches("^[0-9a-f]{64}$")) {
                unit = parts[1].equals(layout.unitFile()) ? Optional.of(parts[0]) : unit;
                env = parts[1].equals(layout.envFile()) ? Optional.of(parts[0]) : env;
            }
        }
        String slot = "^" + java.util.regex.Pattern.quote("deployer-" + app.name()) + "@[a-z]+\\.service$";
        List<String> slots = out.lines().map(String::strip).filter(u -> u.matches(slot)).toList();
        return new Staged(0, jarsOnHost(out), unit, env, slots, ProcessRollout.listedIn(out));
    }

    /** The bytes sent (0: the jar was on the host already). Ends with the jar and its sum file in place. */
    private StepResult<Long> placeArtifact(HostTarget host, App app, Release release, Path artifact, String target,
            List<DeltaTransfer.JarOnHost> jars) {
        String sum = new HostLayout(app.name()).releaseJarSum(release.version());
        Optional<String> onHost = jars.stream().filter(jar -> jar.sha256().equals(release.artifactSha256()))
                .map(DeltaTransfer.JarOnHost::path).min(Comparator.comparing((String path) -> !path.equals(target)));
        if (onHost.isPresent() && onHost.get().equals(target)) {
            if (jars.stream().noneMatch(jar -> jar.path().equals(target) && jar.summed())) {
                writeSum(ssh, host, "artifact", sum, release.artifactSha256());
            }
            return new StepResult<>(0L, "already on host, nothing uploaded");
        }
        if (jars.stream().anyMatch(jar -> jar.path().equals(target) && jar.summed())) {
            // A sum file naming another jar (an app of that name deleted and made again): gone before the jar changes,
            // so no moment has a sum file that lies about the jar beside it.
            ssh.run(host, "artifact", HostCommands.removeFile(sum).privileged(host.root()), STEP_TIMEOUT);
        }
        if (onHost.isPresent()) {
            // The link and its sum file in one round trip: the jar is the one whose sha256 the host listed.
            ssh.run(host, "artifact", ReleaseCommands.linkExisting(onHost.get(), target, suffix())
                    .then(ReleaseCommands.writeSumFromStdin(sum, suffix())).privileged(host.root()), sumLine(release), STEP_TIMEOUT);
            return new StepResult<>(0L, "linked from " + onHost.get() + ", nothing uploaded");
        }
        if (artifact == null) {
            throw new IllegalStateException("the artifact " + release.artifactSha256().substring(0, 12)
                    + " is neither on the host nor in the server's store any more: deploy a new build instead");
        }
        // A patch or a whole jar publishes the jar and its sum file together; only the careful upload leaves the sum here.
        DeltaTransfer.Placed placed = delta != null ? delta.place(host, app, release, artifact, target, sum, jars)
                : DeltaTransfer.full(ssh, host, release, artifact, target, sum, null);
        if (!placed.summed()) {
            writeSum(ssh, host, "artifact", sum, release.artifactSha256());
        }
        return placed.result();
    }

    /** The sum file's content: the jar's sha256 and a newline. */
    static byte[] sumLine(Release release) {
        return (release.artifactSha256() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The sum file of a jar now in place and checked (by sha256 on the host, or as the hard link of one that was). */
    static void writeSum(HostAccess ssh, HostTarget host, String step, String path, String sha256) {
        ssh.writeFile(host, step, path, (sha256 + "\n").getBytes(StandardCharsets.US_ASCII), "0644", "root:root");
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

    /** Env file, unit, switch, restart, health, reading the host's unit and slots first. Throws unless healthy. */
    public void activate(HostTarget host, App app, Release release, Map<String, Secret> config, StepLog log) {
        activate(host, app, release, config, null, log);
    }

    /**
     * Env file and unit written only when they differ from what {@code staged} found (null: read them now), then the
     * switch of {@code current} and the restart in one round trip, then health. Throws unless the host comes up healthy.
     */
    public void activate(HostTarget host, App app, Release release, Map<String, Secret> config, Staged staged, StepLog log) {
        boolean root = host.root();
        HostLayout layout = new HostLayout(app.name());
        log.step(host, "configure", () -> {
            byte[] env = EnvFile.render(config, app.port());
            byte[] unit = release.unitText().getBytes(StandardCharsets.UTF_8);
            boolean envSame = staged != null && staged.envSha256().equals(Optional.of(Sha256.hex(env)));
            if (!envSame) {
                ssh.writeFile(host, "configure", layout.envFile(), env, "0600", "root:root");
            }
            boolean unitSame = staged != null ? staged.unitSha256().equals(Optional.of(Sha256.hex(unit)))
                    : ssh.runAllowingFailure(host, "configure", HostCommands.readFile(layout.unitFile()).privileged(root), STEP_TIMEOUT)
                            .stdout().equals(release.unitText());
            String envSaid = (envSame ? "env file unchanged (" : "env file written (") + config.size() + " vars + PORT)";
            if (unitSame) {
                return envSaid + "; unit unchanged";
            }
            ssh.writeFile(host, "configure", layout.unitFile(), unit, "0644", "root:root");
            ssh.run(host, "configure", HostCommands.daemonReload().privileged(root), STEP_TIMEOUT);
            return envSaid + "; unit changed, daemon reloaded";
        });
        log.step(host, "switch", () -> {
            List<String> slots = staged != null ? staged.slotUnits() : slotUnits(host, app);
            RemoteCommand switchAndRestart = ReleaseCommands.switchCurrent(app.name(), release.version(), suffix());
            if (!slots.isEmpty()) {
                // An app moved back to strategy restart: its proxy holds the app's port and its slots run until stopped
                // and disabled here, just before the unit restarts (a gap of about a second, once).
                List<String> words = new java.util.ArrayList<>(List.of("systemctl", "disable", "--now", "--"));
                words.addAll(slots);
                switchAndRestart = switchAndRestart.then(RemoteCommand.of(words));
            }
            ssh.run(host, "switch", switchAndRestart.then(HostCommands.enable(layout.unitName()))
                    .then(HostCommands.systemctl("restart", layout.unitName())).privileged(root), STEP_TIMEOUT);
            return "current -> releases/" + release.label() + "; " + layout.unitName() + " restarted"
                    + (slots.isEmpty() ? "" : " (moved off zero-downtime: " + String.join(", ", slots) + " stopped and disabled)");
        });
        log.step(host, "health", () -> health.await(host, app));
    }

    /** The app's zero-downtime slot units on the host (an app moved back to {@code strategy: restart} still has them). */
    private List<String> slotUnits(HostTarget host, App app) {
        return ssh.runAllowingFailure(host, "switch", SlotCommands.listSlotUnits(app.name()).privileged(host.root()), STEP_TIMEOUT)
                .stdout().lines().map(String::strip).filter(u -> u.matches("^deployer-[a-z0-9-]+@[a-z]+\\.service$")).toList();
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
