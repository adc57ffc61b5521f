package dev.deployer.server.remote;

import java.util.List;

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

    /**
     * The sha256 of the app's unit file and env file, as {@code SHA  PATH} lines (sha256sum's format); a missing file
     * prints nothing. Read while staging, so activation writes only what changed (no round trip when nothing did).
     */
    public static RemoteCommand configHashes(String app) {
        HostLayout layout = new HostLayout(app);
        return RemoteCommand.of("find", HostLayout.UNIT_DIR, HostLayout.ENV_DIR, "-maxdepth", "1", "-type", "f", "(",
                "-path", layout.unitFile(), "-o", "-path", layout.envFile(), ")", "-exec", "sha256sum", "--", "{}", "+");
    }

    /**
     * Writes {@code sumFile} from the command's stdin (the jar's sha256 and a newline), through a temp name: run only
     * after the jar beside it is in place and checked, so a sum file never names a jar that is not there.
     */
    public static RemoteCommand writeSumFromStdin(String sumFile, String tempSuffix) {
        String temp = HostCommands.tempBeside(sumFile, tempSuffix);
        return RemoteCommand.and(HostCommands.createEmpty(temp, "0644"), HostCommands.writeStdinTo(temp),
                HostCommands.moveReplacing(temp, sumFile));
    }

    /**
     * Removes every release directory ({@code vN}) but the {@code kept} versions, printing each name it removes: one
     * round trip however many go. Names that are not {@code vN} are never touched.
     */
    public static RemoteCommand pruneReleases(String app, java.util.Collection<Integer> kept) {
        List<String> words = new java.util.ArrayList<>(List.of("find", new HostLayout(app).releasesDir(), "-mindepth", "1",
                "-maxdepth", "1", "-type", "d", "-regextype", "posix-extended", "-regex", ".*/v[1-9][0-9]*"));
        for (int version : new java.util.TreeSet<>(kept)) {
            words.addAll(List.of("!", "-name", "v" + version));
        }
        words.addAll(List.of("-printf", "%f\\n", "-exec", "rm", "-r", "-f", "--", "{}", "+"));
        return RemoteCommand.of(words);
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
}
