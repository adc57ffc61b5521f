package dev.deployer.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.remote.DeltaCommands;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.ProxyCommands;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.remote.Slot;
import dev.deployer.server.remote.SlotCommands;
import dev.deployer.server.ssh.HostTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SudoRightsTest {
    private static final HostTarget DEPLOY = new HostTarget("web1", "10.0.0.5", 22, "deploy", "ssh-ed25519 AAAA", "SHA256:x");

    @Test
    void theSudoersLineGrantsTheSlotProgramsAtTheirPaths() {
        String fix = SudoRights.fix(DEPLOY, HostCommands.PRIVILEGED_PROGRAMS);
        assertThat(fix).startsWith("add with visudo -f /etc/sudoers.d/deployer: deploy ALL=(root) NOPASSWD: /usr/bin/install, ")
                .contains("/usr/sbin/useradd").contains("/usr/sbin/haproxy").contains("/usr/bin/socat").contains("/usr/bin/systemd-run")
                .doesNotContain("/usr/bin/haproxy");
    }

    @Test
    void everyProgramTheSlotCommandsRunIsOneSudoIsAskedAbout() {
        String app = "shop";
        List<RemoteCommand> commands = List.of(
                ProxyCommands.ensureEtcDir(app), ProxyCommands.checkConfig("/etc/deployer/shop/haproxy.cfg.new"),
                ProxyCommands.publishConfig(app), ProxyCommands.startProxy(app), ProxyCommands.reloadProxy(app),
                ProxyCommands.startSlot(app, Slot.A), ProxyCommands.stopSlot(app, Slot.B),
                ProxyCommands.switchTo(app, Slot.B).command(), ProxyCommands.maintenance(app, Slot.A).command(),
                ProxyCommands.shutdownSessions(app, Slot.A).command(), ProxyCommands.showStat(app).command(),
                SlotCommands.pointSlot(app, Slot.A, 3, "x1"), SlotCommands.readSlots(app),
                SlotCommands.stopStandbyAt(app, Slot.A, Instant.parse("2026-12-01T10:00:00Z")), SlotCommands.cancelStandbyStop(app),
                SlotCommands.journalTail(app, Slot.B, 50));
        List<String> programs = commands.stream().flatMap(command -> command.steps().stream())
                .map(step -> step.words().get(0)).distinct().toList();

        assertThat(programs).contains("/usr/sbin/haproxy", "/usr/bin/socat", "systemd-run");
        assertThat(programs).allSatisfy(program -> {
            String name = program.substring(program.lastIndexOf('/') + 1);
            assertThat(HostCommands.PRIVILEGED_PROGRAMS).as(program).contains(name);
            assertThat(program.startsWith("/") ? program : SudoRights.path(name)).isEqualTo(SudoRights.path(name));
        });
    }

    @Test
    void everyProgramDeltaTransferStagingAndPruningRunIsOneSudoIsAskedAboutAtItsPath() {
        List<RemoteCommand> commands = List.of(
                DeltaCommands.receiveRebuildAndHash("/opt/deployer/shop/releases/v1/app.jar", "p", "r", 27),
                DeltaCommands.publish("r", "/opt/deployer/shop/releases/v2/app.jar", "p"), DeltaCommands.cleanUp("p", "r"),
                ReleaseCommands.writeSumFromStdin("/opt/deployer/shop/releases/v2/app.jar.sha256", "x1"),
                ReleaseCommands.configHashes("shop"), ReleaseCommands.pruneReleases("shop", List.of(3, 4)));
        List<String> programs = commands.stream().flatMap(command -> command.steps().stream())
                .map(step -> step.words().get(0)).distinct().toList();

        assertThat(programs).contains("/usr/bin/zstd");
        assertThat(programs).allSatisfy(program -> {
            String name = program.substring(program.lastIndexOf('/') + 1);
            assertThat(HostCommands.PRIVILEGED_PROGRAMS).as(program).contains(name);
            assertThat(program.startsWith("/") ? program : SudoRights.path(name)).isEqualTo(SudoRights.path(name));
        });
        assertThat(SudoRights.fix(DEPLOY, HostCommands.PRIVILEGED_PROGRAMS)).endsWith(", /usr/bin/zstd");
    }
}
