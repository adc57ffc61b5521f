package dev.deployer.server.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A one-off command in an app's release, run the way the app's unit runs: a transient unit
 * ({@code systemd-run --wait --pipe --collect}) with the unit's user, env file, state dir and hardening
 * ({@link SystemdUnit#identity}, {@link SystemdUnit#HARDENING}), in the release directory, stopped by systemd
 * itself at its time limit even when the server that started it is gone. Pure.
 */
public final class RunCommands {
    public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(10);
    public static final Duration MAX_LIMIT = Duration.ofHours(1);
    /** How long a command gets after SIGTERM (its time limit, or a stop) before systemd sends SIGKILL. */
    static final int STOP_TIMEOUT_SECONDS = 10;

    private static final Pattern RUN_ID = Pattern.compile("^[a-z0-9]{1,16}$");
    private static final Pattern RELEASE = Pattern.compile("^releases/v([1-9][0-9]{0,8})$");

    private RunCommands() {}

    /** Where a run happens on one host: the release {@code current} names there, and the env file that release runs with. */
    public record Place(int version, String envFile) {}

    /** Prints every link in the app's directory ({@code current}, {@code slot-a}, ...) as {@code NAME TARGET} lines. */
    public static RemoteCommand readLinks(String app) {
        return RemoteCommand.of("find", new HostLayout(app).appDir(), "-mindepth", "1", "-maxdepth", "1", "-type", "l",
                "-printf", "%f %l\\n");
    }

    /**
     * The place from {@link #readLinks} output; empty when the host has no current release. A zero-downtime app runs
     * with the env file of the slot that holds the current release (the live one), else with the app's own.
     */
    public static Optional<Place> place(String app, String links, boolean zeroDowntime) {
        HostLayout layout = new HostLayout(app);
        Map<String, String> targets = new HashMap<>();
        for (String line : links.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                targets.put(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        String current = targets.get("current");
        Matcher release = current == null ? null : RELEASE.matcher(current);
        if (release == null || !release.matches()) {
            return Optional.empty();
        }
        int version = Integer.parseInt(release.group(1));
        if (zeroDowntime) {
            for (Slot slot : Slot.values()) {
                if (current.equals(targets.get("slot-" + slot.id()))) {
                    return Optional.of(new Place(version, layout.slotEnvFile(slot)));
                }
            }
        }
        return Optional.of(new Place(version, layout.envFile()));
    }

    /** {@code deployer-APP@run-ID.service}: under the app's own unit prefix, which no other app's name can reach. */
    public static String unitName(String app, String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("a run id is 1-16 lowercase letters and digits (got '" + runId + "')");
        }
        return "deployer-" + new HostLayout(app).app() + "@run-" + runId + ".service";
    }

    /**
     * Runs {@code words} (program first, each word passed as it is: no shell) in {@code place}'s release and waits for
     * it; systemd-run exits with the command's exit code. Every {@code $} is doubled because systemd expands
     * {@code $NAME} in a service's command line; {@code JAR} names the release's jar for commands that want it.
     */
    public static RemoteCommand start(String app, String runId, Place place, Duration limit, List<String> words) {
        if (words.isEmpty() || words.get(0).isEmpty()) {
            throw new IllegalArgumentException("a command needs a program as its first word");
        }
        if (limit.compareTo(Duration.ofSeconds(1)) < 0 || limit.compareTo(MAX_LIMIT) > 0) {
            throw new IllegalArgumentException("a time limit is 1 s to " + MAX_LIMIT.toMinutes() + " min (got " + limit.toSeconds() + " s)");
        }
        HostLayout layout = new HostLayout(app);
        List<String> command = new ArrayList<>(List.of("systemd-run", "--unit=" + unitName(app, runId),
                "--description=deployer run in " + app + " v" + place.version(), "--wait", "--pipe", "--collect", "--quiet"));
        List<String> properties = new ArrayList<>(SystemdUnit.identity(layout, place.envFile()));
        properties.add("WorkingDirectory=" + layout.releaseDir(place.version()));
        properties.add("Environment=JAR=" + layout.releaseJar(place.version()));
        properties.addAll(SystemdUnit.HARDENING);
        properties.add("RuntimeMaxSec=" + limit.toSeconds());
        properties.add("TimeoutStopSec=" + STOP_TIMEOUT_SECONDS);
        properties.forEach(property -> command.add("--property=" + property));
        command.add("--");
        words.forEach(word -> command.add(word.replace("$", "$$")));
        return RemoteCommand.of(command);
    }

    /** Stops a run (harmless when it already ended: run allowing failure). */
    public static RemoteCommand stop(String app, String runId) {
        return RemoteCommand.of("systemctl", "stop", "--", unitName(app, runId));
    }
}
