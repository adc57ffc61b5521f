package dev.deployer.testhosts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One running test host: a Debian 12 system with systemd as PID 1, reachable from this machine over
 * SSH at {@code address:port}. Both {@code rootUser} and {@code deployUser} (a non-root user with
 * password-less sudo) accept {@code privateKey}.
 *
 * <p>The helpers here run the local {@code ssh} binary with an argv list. The remote side of SSH always
 * receives one command string that the remote user's shell parses; {@link #run(List)} quotes each
 * argument for it.</p>
 */
public record TestHost(String name, String address, int port, Path privateKey, String rootUser, String deployUser) {

    /** Default time a command on a host may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_./=:@%+,-]+");

    /** Runs a shell command line on the host as root. */
    public CommandResult run(String remoteCommand) {
        return runAs(rootUser, remoteCommand, DEFAULT_TIMEOUT);
    }

    /** Runs a command on the host as root, each element passed as one argument (quoted for the remote shell). */
    public CommandResult run(List<String> argv) {
        return runAs(rootUser, quote(argv), DEFAULT_TIMEOUT);
    }

    /** Runs a shell command line on the host as the non-root deploy user. */
    public CommandResult runAsDeploy(String remoteCommand) {
        return runAs(deployUser, remoteCommand, DEFAULT_TIMEOUT);
    }

    /** Runs a shell command line on the host as {@code user}, killing {@code ssh} after {@code timeout}. */
    public CommandResult runAs(String user, String remoteCommand, Duration timeout) {
        return Processes.run(sshCommand(user, remoteCommand), java.util.Map.of(), timeout, false, null);
    }

    /**
     * The full local argv that runs {@code remoteCommand} on this host as {@code user}, for callers that
     * want their own {@link ProcessBuilder} (e.g. to stream stdin). Host keys are not checked: the
     * harness does not pin them (the product under test does).
     */
    public List<String> sshCommand(String user, String remoteCommand) {
        List<String> argv = new ArrayList<>(sshBaseCommand());
        argv.add(user + "@" + address);
        argv.add("--");
        argv.add(remoteCommand);
        return argv;
    }

    /** {@code ssh} with the harness key and options, without destination or command. */
    public List<String> sshBaseCommand() {
        return List.of("ssh", "-F", "/dev/null", "-i", privateKey.toString(), "-p", Integer.toString(port),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=5");
    }

    /** Joins {@code argv} into one POSIX shell command line, quoting what needs it. */
    public static String quote(List<String> argv) {
        List<String> words = new ArrayList<>(argv.size());
        for (String arg : argv) {
            words.add(SAFE_WORD.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }
}
