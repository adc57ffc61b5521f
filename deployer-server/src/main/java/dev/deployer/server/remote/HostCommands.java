package dev.deployer.server.remote;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Builders of the file and service commands the deployer runs on a host. Pure: each returns a
 * {@link RemoteCommand}; who runs it and as whom is decided elsewhere. Paths are always passed
 * after {@code --} (or inside {@code of=}) so a name starting with {@code -} stays a name.
 */
public final class HostCommands {
    /**
     * Every program the deployer runs through {@code sudo -n} on a host whose user is not root:
     * what preflight asks sudo about, and what docs/hosts.md tells operators to allow. The last three are the
     * zero-downtime slots': {@code haproxy -c} on a new proxy config, {@code socat} to the proxy's root-only runtime
     * API socket, {@code systemd-run} for the host-side timer that ends a warm standby; {@code zstd} rebuilds a jar
     * from a patch against an earlier release (delta transfer, see DeltaCommands).
     */
    public static final List<String> PRIVILEGED_PROGRAMS = List.of(
            "install", "dd", "sha256sum", "chmod", "chown", "mv", "mkdir", "ln", "rm", "cat", "find", "readlink",
            "id", "systemctl", "useradd", "journalctl", "haproxy", "socat", "systemd-run", "zstd");

    private static final Pattern MODE = Pattern.compile("^[0-7]{3,4}$");
    private static final Pattern OWNER = Pattern.compile("^[a-z_][a-z0-9_-]{0,31}(:[a-z_][a-z0-9_-]{0,31})?$");
    private static final Pattern UNIT = Pattern.compile("^[A-Za-z0-9@._-]+\\.(service|socket|timer|target)$");

    private HostCommands() {}

    /** Prints {@code HASH  PATH}; exits non-zero when the file is missing. */
    public static RemoteCommand sha256sum(String path) {
        return RemoteCommand.of("sha256sum", "--", path);
    }

    public static RemoteCommand mkdirs(String path) {
        return RemoteCommand.of("mkdir", "-p", "--", path);
    }

    /** Renames over {@code to}, atomically; {@code -T} so an existing directory {@code to} is never entered. */
    public static RemoteCommand moveReplacing(String from, String to) {
        return RemoteCommand.of("mv", "-f", "-T", "--", from, to);
    }

    /** A symlink {@code link -> target}; {@code -T} treats an existing {@code link} as a file, never a directory to enter. */
    public static RemoteCommand symlink(String target, String link) {
        return RemoteCommand.of("ln", "-s", "-T", "--", target, link);
    }

    public static RemoteCommand removeFile(String path) {
        return RemoteCommand.of("rm", "-f", "--", path);
    }

    public static RemoteCommand removeTree(String path) {
        return RemoteCommand.of("rm", "-r", "-f", "--", path);
    }

    public static RemoteCommand chmod(String mode, String path) {
        if (!MODE.matcher(mode).matches()) {
            throw new IllegalArgumentException("file mode must be octal such as 0644 (got '" + mode + "')");
        }
        return RemoteCommand.of("chmod", mode, "--", path);
    }

    /** {@code owner} is {@code user} or {@code user:group}. */
    public static RemoteCommand chown(String owner, String path) {
        if (!OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("owner must be user or user:group (got '" + owner + "')");
        }
        return RemoteCommand.of("chown", owner, "--", path);
    }

    /** An empty file with {@code mode} from its first moment, so content written next is never readable by others. */
    public static RemoteCommand createEmpty(String path, String mode) {
        if (!MODE.matcher(mode).matches()) {
            throw new IllegalArgumentException("file mode must be octal such as 0600 (got '" + mode + "')");
        }
        return RemoteCommand.of("install", "-m", mode, "-T", "/dev/null", path);
    }

    /** Copies the command's stdin into {@code path}, keeping an existing file's mode; no shell redirection needed. */
    public static RemoteCommand writeStdinTo(String path) {
        return RemoteCommand.of("dd", "of=" + path, "bs=64K", "status=none");
    }

    public static RemoteCommand readFile(String path) {
        return RemoteCommand.of("cat", "--", path);
    }

    /**
     * {@code systemctl enable --no-reload}: the boot symlink only. A plain enable reloads all of systemd (about 100 ms on a
     * small host, on every deploy); every writer of a unit file reloads explicitly when the file changed.
     */
    public static RemoteCommand enable(String unit) {
        return withoutReload("enable", unit);
    }

    /** {@code systemctl disable --no-reload}: the boot symlink removed, without reloading systemd (see {@link #enable}). */
    public static RemoteCommand disable(String unit) {
        return withoutReload("disable", unit);
    }

    private static RemoteCommand withoutReload(String verb, String unit) {
        List<String> words = new java.util.ArrayList<>(systemctl(verb, unit).words());
        words.add(2, "--no-reload");
        return RemoteCommand.of(words);
    }

    public static RemoteCommand systemctl(String verb, String unit) {
        if (!verb.matches("^[a-z][a-z-]*$")) {
            throw new IllegalArgumentException("systemctl verb must be a plain word (got '" + verb + "')");
        }
        if (!UNIT.matcher(unit).matches()) {
            throw new IllegalArgumentException("not a systemd unit name: '" + unit + "'");
        }
        return RemoteCommand.of("systemctl", verb, "--", unit);
    }

    public static RemoteCommand daemonReload() {
        return RemoteCommand.of("systemctl", "daemon-reload");
    }

    /** A sibling name for a file being written, so the rename that publishes it stays on one filesystem. */
    public static String tempBeside(String path, String uniqueSuffix) {
        if (!uniqueSuffix.matches("^[A-Za-z0-9]+$")) {
            throw new IllegalArgumentException("temp suffix must be letters and digits");
        }
        return path + ".deployer-tmp-" + uniqueSuffix;
    }
}
