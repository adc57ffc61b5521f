package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemovalCommandsTest {
    @Test
    void oneStopForTheTimerTheProxyBothSlotsTheRestartUnitAndEveryProcessInstance() {
        assertThat(RemovalCommands.stopAll("shop").render()).isEqualTo("'systemctl' 'stop' '--' 'deployer-shop@standby.timer' "
                + "'deployer-shop@proxy.service' 'deployer-shop@a.service' 'deployer-shop@b.service' 'deployer-shop.service' "
                + "'deployer-shop.*@*.service'");
    }

    @Test
    void removesUnitFilesTheirBootLinksEnvFilesSlotLinksAndTheEtcDirThenReloads() {
        assertThat(RemovalCommands.removeFiles("shop").steps()).extracting(RemoteCommand::render).containsExactly(
                "'rm' '-f' '--' "
                        + "'/etc/systemd/system/deployer-shop@proxy.service' '/etc/systemd/system/multi-user.target.wants/deployer-shop@proxy.service' "
                        + "'/etc/systemd/system/deployer-shop@a.service' '/etc/systemd/system/multi-user.target.wants/deployer-shop@a.service' "
                        + "'/etc/systemd/system/deployer-shop@b.service' '/etc/systemd/system/multi-user.target.wants/deployer-shop@b.service' "
                        + "'/etc/systemd/system/deployer-shop.service' '/etc/systemd/system/multi-user.target.wants/deployer-shop.service' "
                        + "'/etc/deployer/shop.env' '/opt/deployer/shop/slot-a' '/opt/deployer/shop/slot-b'",
                "'find' '/etc/systemd/system' '-maxdepth' '2' '-name' 'deployer-shop.*@*.service' '-delete'",
                "'rm' '-r' '-f' '--' '/etc/deployer/shop'",
                "'systemctl' 'daemon-reload'");
    }

    @Test
    void theBootLinksAreWhereTheUnitsInstallThemselves() {
        String unit = SystemdUnit.render(SystemdUnitTest.app("shop", "-Xmx64m"));
        for (String text : new String[] {unit, SystemdUnit.forSlot(unit, "shop"), ProxyUnit.render("shop")}) {
            assertThat(text).contains("\nWantedBy=multi-user.target\n").doesNotContain("Alias=").doesNotContain("RequiredBy=");
        }
        assertThat(RemovalCommands.WANTS_DIR).isEqualTo("/etc/systemd/system/multi-user.target.wants");
    }

    @Test
    void aBadAppNameNeverBecomesAPath() {
        assertThatThrownBy(() -> RemovalCommands.removeFiles("../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
