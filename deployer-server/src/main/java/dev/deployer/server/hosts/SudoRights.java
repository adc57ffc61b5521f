package dev.deployer.server.hosts;

import dev.deployer.api.PreflightCheck;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.PreflightCommands;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.FreshLogin;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * For a login user that is not root: may it run, through {@code sudo -n}, every program the
 * deployer runs privileged? Names exactly the ones it may not, and the sudoers line that fixes it.
 */
final class SudoRights {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String NAME = "root or sudo";
    private static final List<String> SBIN = List.of("useradd", "haproxy");

    PreflightCheck check(HostTarget host, FreshLogin login) {
        CommandResult rules = login.runAllowingFailure(PreflightCommands.sudoRules(), TIMEOUT);
        if (!rules.ok()) {
            return PreflightCheck.fail(NAME, "user " + host.user() + " cannot use sudo without a password ("
                    + rules.stderrTail() + ")", fix(host, HostCommands.PRIVILEGED_PROGRAMS));
        }
        List<String> missing = HostCommands.PRIVILEGED_PROGRAMS.stream()
                .filter(program -> !login.runAllowingFailure(PreflightCommands.sudoAllows(program), TIMEOUT).ok())
                .toList();
        if (missing.isEmpty()) {
            return PreflightCheck.pass(NAME, "user " + host.user() + " may run every program the deployer needs through sudo -n");
        }
        return PreflightCheck.fail(NAME, "user " + host.user() + " may not run " + String.join(", ", missing)
                + " through sudo -n", fix(host, missing));
    }

    /** The sudoers line granting exactly {@code programs}, at their usual Debian/Ubuntu/RHEL paths. */
    static String fix(HostTarget host, List<String> programs) {
        return "add with visudo -f /etc/sudoers.d/deployer: " + host.user() + " ALL=(root) NOPASSWD: "
                + programs.stream().map(SudoRights::path).collect(Collectors.joining(", "));
    }

    /** Where Debian, Ubuntu and RHEL (merged /usr) install {@code program}; haproxy is run by this path (HostLayout.HAPROXY). */
    static String path(String program) {
        return (SBIN.contains(program) ? "/usr/sbin/" : "/usr/bin/") + program;
    }
}
