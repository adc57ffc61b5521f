package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemovalCommandsTest {
    @Test
    void oneStopForTheTimerTheProxyBothSlotsTheRestartUnitAndEveryProcessInstanceByName() {
        assertThat(RemovalCommands.stopAll("shop", List.of("deployer-shop-worker@1.service")).render()).isEqualTo(
                "'systemctl' 'stop' '--' 'deployer-shop@standby.timer' "
                + "'deployer-shop@proxy.service' 'deployer-shop@a.service' 'deployer-shop@b.service' 'deployer-shop.service' "
                + "'deployer-shop-worker@1.service'");
        assertThatThrownBy(() -> RemovalCommands.stopAll("shop", List.of("deployer-shop-admin-worker@1.service")))
                .hasMessageContaining("not a process instance or cron unit of shop");
        assertThat(RemovalCommands.stopAll("shop", List.of("deployer-shop@cron-1.timer", "deployer-shop@cron-1.service")).render())
                .endsWith("'deployer-shop.service' 'deployer-shop@cron-1.timer' 'deployer-shop@cron-1.service'");
    }

    @Test
    void theProcessUnitsFoundForRemovalAreTheAppsOwnAndNeverThoseOfAnAppWhoseNameGoesOn(@TempDir Path dir) throws Exception {
        List<String> files = List.of("deployer-shop-worker@.service", "deployer-shop-worker@1.service", "deployer-shop-clock@.service",
                "multi-user.target.wants/deployer-shop-worker@1.service", "deployer-shop@a.service", "deployer-shop-admin@a.service",
                "deployer-shop-admin-worker@.service", "deployer-shop-admin-worker@1.service",
                "multi-user.target.wants/deployer-shop-admin-worker@1.service", "deployer-shop-admin.service");
        List<String> found = found(dir, files, 1);
        assertThat(found).containsExactly("deployer-shop-clock@.service", "deployer-shop-worker@.service",
                "deployer-shop-worker@1.service", "multi-user.target.wants/deployer-shop-worker@1.service");
    }

    @Test
    void theCronFilesFoundForRemovalAreTheAppsServicesTimersAndTimerLinksOnly(@TempDir Path dir) throws Exception {
        List<String> files = List.of("deployer-shop@cron-1.service", "deployer-shop@cron-1.timer", "timers.target.wants/deployer-shop@cron-1.timer",
                "deployer-shop@cron-12.service", "deployer-shop@cronx.service", "deployer-shop@cron-1.service.d",
                "deployer-shop-admin@cron-1.timer", "timers.target.wants/deployer-shop-admin@cron-1.timer", "deployer-shop@a.service");
        assertThat(found(dir, files, 2)).containsExactly("deployer-shop@cron-1.service", "deployer-shop@cron-1.timer", "deployer-shop@cron-12.service",
                "timers.target.wants/deployer-shop@cron-1.timer");
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
                "'find' '/etc/systemd/system' '-maxdepth' '2' '-regextype' 'posix-extended' '-regex' "
                        + "'.*/deployer-shop-[a-z][a-z0-9_]{0,29}@[0-9]{0,2}\\.service' '-delete'",
                "'find' '/etc/systemd/system' '-maxdepth' '2' '-regextype' 'posix-extended' '-regex' "
                        + "'.*/deployer-shop@cron-[1-9][0-9]?\\.(service|timer)' '-delete'",
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

    /** Runs removal step {@code step} (a find) on real files under {@code dir}, without its -delete: what it would remove. */
    private static List<String> found(Path dir, List<String> files, int step) throws Exception {
        for (String file : files) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), "");
        }
        List<String> find = RemovalCommands.removeFiles("shop").steps().get(step).words().stream()
                .map(w -> w.equals(HostLayout.UNIT_DIR) ? dir.toString() : w)
                .filter(w -> !w.equals("-delete")).toList();
        assertThat(find.get(0)).isEqualTo("find");
        Process process = new ProcessBuilder(find).redirectErrorStream(true).start();
        List<String> found = new String(process.getInputStream().readAllBytes()).lines()
                .map(line -> dir.relativize(Path.of(line)).toString()).sorted().toList();
        assertThat(process.waitFor()).isZero();
        return found;
    }
}
