package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostCommandsTest {
    @Test
    void sha256sumEndsOptionsBeforeThePath() {
        assertThat(HostCommands.sha256sum("-rf /").render()).isEqualTo("'sha256sum' '--' '-rf /'");
    }

    @Test
    void fileCommands() {
        assertThat(HostCommands.mkdirs("/opt/deployer/shop/releases/v1").render())
                .isEqualTo("'mkdir' '-p' '--' '/opt/deployer/shop/releases/v1'");
        assertThat(HostCommands.moveReplacing("/a/current.tmp", "/a/current").render())
                .isEqualTo("'mv' '-f' '-T' '--' '/a/current.tmp' '/a/current'");
        assertThat(HostCommands.symlink("releases/v3", "/a/current.tmp").render())
                .isEqualTo("'ln' '-s' '-T' '--' 'releases/v3' '/a/current.tmp'");
        assertThat(HostCommands.removeFile("/a/b c").render()).isEqualTo("'rm' '-f' '--' '/a/b c'");
        assertThat(HostCommands.removeTree("/a/releases/v1").render()).isEqualTo("'rm' '-r' '-f' '--' '/a/releases/v1'");
        assertThat(HostCommands.readFile("/etc/x").render()).isEqualTo("'cat' '--' '/etc/x'");
    }

    @Test
    void modesOwnersAndEmptyFiles() {
        assertThat(HostCommands.chmod("0600", "/etc/deployer/shop.env").render())
                .isEqualTo("'chmod' '0600' '--' '/etc/deployer/shop.env'");
        assertThat(HostCommands.chown("root:root", "/etc/x").render()).isEqualTo("'chown' 'root:root' '--' '/etc/x'");
        assertThat(HostCommands.createEmpty("/etc/x.tmp", "600").render())
                .isEqualTo("'install' '-m' '600' '-T' '/dev/null' '/etc/x.tmp'");
    }

    @Test
    void badModesAndOwnersAreRejectedNotCleaned() {
        assertThatThrownBy(() -> HostCommands.chmod("0644; reboot", "/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostCommands.chmod("u+s", "/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostCommands.chown("root root", "/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostCommands.createEmpty("/x", "rw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeStdinKeepsThePathInsideOneWord() {
        assertThat(HostCommands.writeStdinTo("/opt/it's here/app.jar").render())
                .isEqualTo("'dd' 'of=/opt/it'\\''s here/app.jar' 'bs=64K' 'status=none'");
    }

    @Test
    void systemctlChecksVerbAndUnit() {
        assertThat(HostCommands.systemctl("restart", "deployer-shop.service").render())
                .isEqualTo("'systemctl' 'restart' '--' 'deployer-shop.service'");
        assertThat(HostCommands.daemonReload().render()).isEqualTo("'systemctl' 'daemon-reload'");
        assertThatThrownBy(() -> HostCommands.systemctl("restart", "x; reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostCommands.systemctl("--now", "a.service")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tempBesideStaysInTheSameDirectory() {
        assertThat(HostCommands.tempBeside("/opt/d/app.jar", "a1b2")).isEqualTo("/opt/d/app.jar.deployer-tmp-a1b2");
        assertThatThrownBy(() -> HostCommands.tempBeside("/x", "../y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void preflightProbes() {
        assertThat(PreflightCommands.userId().render()).isEqualTo("'id' '-u'");
        assertThat(PreflightCommands.sudoRules().render()).isEqualTo("'sudo' '-n' '-l'");
        assertThat(PreflightCommands.sudoAllows("systemctl").render()).isEqualTo("'sudo' '-n' '-l' 'systemctl'");
        assertThat(PreflightCommands.pid1Name().render()).isEqualTo("'cat' '/proc/1/comm'");
        assertThat(PreflightCommands.javaVersion("/usr/bin/java").render()).isEqualTo("'/usr/bin/java' '-version'");
        assertThat(PreflightCommands.diskFree(List.of("/opt/deployer", "/opt", "/")).render())
                .isEqualTo("'df' '-P' '-k' '--' '/opt/deployer' '/opt' '/'");
        assertThat(PreflightCommands.listeningTcp().render()).isEqualTo("'ss' '-H' '-l' '-t' '-n'");
        assertThat(PreflightCommands.epochMillis().render()).isEqualTo("'date' '-u' '+%s%3N'");
        assertThat(PreflightCommands.unitActive("deployer-shop.service").render())
                .isEqualTo("'systemctl' 'is-active' '--' 'deployer-shop.service'");
    }
}
