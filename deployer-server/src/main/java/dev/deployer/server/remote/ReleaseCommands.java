package dev.deployer.server.remote;

/**
 * Builders of the commands a rollout runs on a host: the app's user, its release directories,
 * the {@code current} switch and its read-back. Pure; paths come from {@link HostLayout}.
 */
public final class ReleaseCommands {
    private ReleaseCommands() {}

    public static RemoteCommand ensureDirs(String app, int version) {
        return RemoteCommand.of("mkdir", "-p", "-m", "0755", "--", new HostLayout(app).releaseDir(version), HostLayout.ENV_DIR);
    }

    /**
     * Every release jar already on the host with its sha256: {@code SHA  PATH} (sha256sum's format) for a jar without a
     * sum file beside it, hashed now; {@code DIR SHA} for one with a sum file, read from it. No shell glob, no loop.
     */
    public static RemoteCommand listReleaseJars(String app) {
        String releases = new HostLayout(app).releasesDir();
        return RemoteCommand.of("find", releases, "-mindepth", "2", "-maxdepth", "2", "-name", "app.jar", "-type", "f",
                        "!", "-execdir", "test", "-s", "app.jar" + HostLayout.SUM_SUFFIX, ";", "-exec", "sha256sum", "{}", "+")
                .then(RemoteCommand.of("find", releases, "-mindepth", "2", "-maxdepth", "2", "-name", "app.jar" + HostLayout.SUM_SUFFIX,
                        "-type", "f", "-printf", "%h ", "-exec", "head", "-c", "64", "{}", ";", "-printf", "\\n"));
    }

    /** Publishes a jar already on the host under a new release: a hard link to a temp name, then a rename. */
    public static RemoteCommand linkExisting(String source, String target, String tempSuffix) {
        String temp = HostCommands.tempBeside(target, tempSuffix);
        return RemoteCommand.and(RemoteCommand.of("ln", "-f", "-T", "--", source, temp),
                HostCommands.moveReplacing(temp, target));
    }

    /** Points {@code current} at {@code releases/vN} atomically: a new link beside it, renamed over it. */
    public static RemoteCommand switchCurrent(String app, int version, String tempSuffix) {
        String current = new HostLayout(app).current();
        String temp = HostCommands.tempBeside(current, tempSuffix);
        return RemoteCommand.and(
                HostCommands.removeFile(temp),
                HostCommands.symlink(new HostLayout(app).currentTarget(version), temp),
                HostCommands.moveReplacing(temp, current));
    }

    /** Prints where {@code current} points ({@code releases/vN}); fails when there is no current release. */
    public static RemoteCommand readCurrent(String app) {
        return RemoteCommand.of("readlink", "--", new HostLayout(app).current());
    }

    /** {@code ActiveState} and when the unit entered it, as {@code KEY=VALUE} lines. */
    public static RemoteCommand unitState(String app) {
        return RemoteCommand.of("systemctl", "show", "--property=ActiveState", "--property=ActiveEnterTimestamp",
                "--", new HostLayout(app).unitName());
    }

    /** The unit's last journal lines, without metadata: what an operator needs when a start fails. */
    public static RemoteCommand journalTail(String app, int lines) {
        return RemoteCommand.of("journalctl", "--unit", new HostLayout(app).unitName(), "--lines", String.valueOf(lines),
                "--no-pager", "--output", "cat");
    }

    /** Lists the release directories on the host, one {@code vN} per line. */
    public static RemoteCommand listReleases(String app) {
        return RemoteCommand.of("find", new HostLayout(app).releasesDir(), "-mindepth", "1", "-maxdepth", "1", "-type", "d",
                "-name", "v*", "-printf", "%f\\n");
    }
}
