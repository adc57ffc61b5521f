package dev.deployer.server.remote;

/**
 * Builders of the commands that rebuild a release jar on a host from a patch against an earlier release's jar
 * (Debian's zstd 1.5, {@code zstd -d --patch-from}). Pure. The rebuilt jar lands under a temp name and is renamed
 * into place only after the caller checked its sha256: a bad patch never becomes {@code app.jar}.
 */
public final class DeltaCommands {
    /** Where Debian and Ubuntu install zstd; preflight checks it, sudoers lists it. */
    public static final String ZSTD = "/usr/bin/zstd";
    /** The line an operator runs on a Debian or Ubuntu host without zstd. */
    public static final String INSTALL_LINE = "sudo apt-get install -y zstd";
    /** zstd's default long-distance window (128 MiB); smaller windows gain nothing for a patch. */
    static final int MIN_WINDOW_LOG = 27;
    /** The largest window zstd accepts on 64-bit systems (2 GiB). */
    static final int MAX_WINDOW_LOG = 31;

    private DeltaCommands() {}

    /** Prints {@code *** Zstandard CLI (64-bit) v1.5.4, ...}; exit 127 (from the shell) when zstd is missing. */
    public static RemoteCommand zstdVersion() {
        return RemoteCommand.of(ZSTD, "--version");
    }

    /**
     * The window (as a power of two) that covers the larger of the two jars. A patch is made and applied with the
     * same window: the decoder refuses a frame whose window exceeds its memory limit. -1 when no window covers them.
     */
    public static int windowLog(long baseBytes, long targetBytes) {
        long larger = Math.max(Math.max(baseBytes, targetBytes), 1);
        int log = 64 - Long.numberOfLeadingZeros(larger - 1);
        if (log > MAX_WINDOW_LOG) {
            return -1;
        }
        return Math.max(log, MIN_WINDOW_LOG);
    }

    /** Where the patch is uploaded: a temp name beside the release jar, on the same filesystem. */
    public static String patchPath(String targetJar, String uniqueSuffix) {
        return HostCommands.tempBeside(targetJar, "patch" + uniqueSuffix);
    }

    /** Where the jar is rebuilt before its sha256 is checked. */
    public static String rebuiltPath(String targetJar, String uniqueSuffix) {
        return HostCommands.tempBeside(targetJar, "rebuilt" + uniqueSuffix);
    }

    /**
     * Writes the command's stdin (the patch) to {@code patch}, private to root, rebuilds {@code rebuilt} from
     * {@code baseJar} and it, then prints the rebuilt jar's sha256 for the caller to compare: one round trip.
     */
    public static RemoteCommand receiveRebuildAndHash(String baseJar, String patch, String rebuilt, int windowLog) {
        return RemoteCommand.and(HostCommands.createEmpty(patch, "0600"), HostCommands.writeStdinTo(patch),
                RemoteCommand.of(ZSTD, "-d", "-q", "--long=" + checked(windowLog), "--patch-from=" + baseJar, "-o", rebuilt, "--", patch),
                HostCommands.sha256sum(rebuilt));
    }

    /** Writes the command's stdin (a whole jar) to {@code tmp}, world-readable like every release jar, then prints its sha256. */
    public static RemoteCommand receiveAndHash(String tmp) {
        return RemoteCommand.and(HostCommands.createEmpty(tmp, "0644"), HostCommands.writeStdinTo(tmp), HostCommands.sha256sum(tmp));
    }

    /** Publishes the checked jar: world-readable like every release jar, renamed over the target, the patch removed. */
    public static RemoteCommand publish(String rebuilt, String targetJar, String patch) {
        return RemoteCommand.and(HostCommands.chmod("0644", rebuilt), HostCommands.moveReplacing(rebuilt, targetJar),
                HostCommands.removeFile(patch));
    }

    /** Removes whatever a failed attempt left; missing files are fine. */
    public static RemoteCommand cleanUp(String patch, String rebuilt) {
        return RemoteCommand.of("rm", "-f", "--", patch, rebuilt);
    }

    private static int checked(int windowLog) {
        if (windowLog < MIN_WINDOW_LOG || windowLog > MAX_WINDOW_LOG) {
            throw new IllegalArgumentException("zstd window log must be " + MIN_WINDOW_LOG + ".." + MAX_WINDOW_LOG + " (got " + windowLog + ")");
        }
        return windowLog;
    }
}
