package dev.deployer.server.remote;

import java.util.List;

/** The read-only probes preflight runs on a host. Each reads state and changes nothing. */
public final class PreflightCommands {
    private PreflightCommands() {}

    public static RemoteCommand userId() {
        return RemoteCommand.of("id", "-u");
    }

    /** Lists what the login user may run; with -n it fails instead of asking for a password. */
    public static RemoteCommand sudoRules() {
        return RemoteCommand.of("sudo", "-n", "-l");
    }

    /** Exit 0 when sudo lets the login user run {@code program} without a password. */
    public static RemoteCommand sudoAllows(String program) {
        return RemoteCommand.of("sudo", "-n", "-l", program);
    }

    public static RemoteCommand pid1Name() {
        return RemoteCommand.of("cat", "/proc/1/comm");
    }

    /** The JDK prints its version on stderr; exit 127 (from the shell) when the binary is missing. */
    public static RemoteCommand javaVersion(String javaBinary) {
        return RemoteCommand.of(javaBinary, "-version");
    }

    /** POSIX df of the first of {@code paths} that exists, in 1024-byte blocks. */
    public static RemoteCommand diskFree(List<String> paths) {
        List<String> words = new java.util.ArrayList<>(List.of("df", "-P", "-k", "--"));
        words.addAll(paths);
        return RemoteCommand.of(words);
    }

    /** Listening TCP sockets, numeric, no header. */
    public static RemoteCommand listeningTcp() {
        return RemoteCommand.of("ss", "-H", "-l", "-t", "-n");
    }

    public static RemoteCommand epochMillis() {
        return RemoteCommand.of("date", "-u", "+%s%3N");
    }

    public static RemoteCommand unitActive(String unit) {
        return HostCommands.systemctl("is-active", unit);
    }
}
