package dev.deployer.server.hosts;

import dev.deployer.testhosts.TestHost;
import java.util.ArrayList;
import java.util.List;

/** What the host-facing ITs do to test hosts as root, through the harness's own ssh. */
public final class TestHostSetup {
    private TestHostSetup() {}

    /** Lets the deployer server's key log in as root and as the deploy user. */
    public static void authorize(TestHost host, String publicKey) {
        host.run(List.of("sh", "-c", "for home in /root /home/" + host.deployUser() + "; do mkdir -p \"$home/.ssh\" && "
                + "grep -qxF \"$1\" \"$home/.ssh/authorized_keys\" 2>/dev/null || printf '%s\\n' \"$1\" >> \"$home/.ssh/authorized_keys\"; "
                + "done; chown -R " + host.deployUser() + ": /home/" + host.deployUser() + "/.ssh", "sh", publicKey)).orThrow();
    }

    /** The host's ed25519 key fingerprint as ssh-keygen prints it. */
    public static String ed25519Fingerprint(TestHost host) {
        return host.run("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub").orThrow().stdout().split("\\s+")[1];
    }

    /** A login user whose password-less sudo covers only {@code programs} (full paths). */
    public static void createLimitedSudoUser(TestHost host, String user, String publicKey, String... programs) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "id -u \"$1\" >/dev/null 2>&1 || useradd -m -s /bin/bash \"$1\"; "
                + "mkdir -p /home/$1/.ssh && printf '%s\\n' \"$2\" > /home/$1/.ssh/authorized_keys && chown -R \"$1\": /home/$1/.ssh; "
                + "printf '%s ALL=(root) NOPASSWD: %s\\n' \"$1\" \"$3\" > /etc/sudoers.d/$1 && chmod 0440 /etc/sudoers.d/$1",
                "sh", user, publicKey, String.join(", ", programs)));
        host.run(argv).orThrow();
    }

    /** Ends every SSH session on the host except sshd's listener, as a reboot or network cut would. */
    public static void dropSshConnections(TestHost host) {
        host.run("pkill -f '^sshd: .*@notty' ; true"); // our own session may be cut too: the exit status does not matter
    }
}
