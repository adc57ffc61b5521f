package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronCommandsTest {
    @Test
    void theServiceIsAOneshotWithTheProcessesUserEnvHardeningAndWorkingDirAndNoInstallSection() {
        assertThat(SystemdUnit.forCron("shop", 1, List.of("sh", "-c", "echo \"100%\" $PORT"))).isEqualTo(String.join("\n",
                "# Written by deployer for app shop: edits here are overwritten by the next release.",
                "[Unit]",
                "Description=deployer app shop cron entry 1",
                "Wants=network-online.target",
                "After=network-online.target",
                "",
                "[Service]",
                "Type=oneshot",
                "User=shop",
                "Group=shop",
                "EnvironmentFile=/etc/deployer/shop.env",
                "Environment=JAR=/opt/deployer/shop/current/app.jar",
                "StateDirectory=deployer/shop",
                "WorkingDirectory=/opt/deployer/shop/current",
                "ExecStart=\"sh\" \"-c\" \"echo \\\"100%%\\\" $PORT\"",
                "SuccessExitStatus=143",
                "TimeoutStopSec=30",
                "StandardOutput=journal",
                "StandardError=journal",
                "SyslogIdentifier=shop-cron",
                "NoNewPrivileges=yes",
                "PrivateTmp=yes",
                "ProtectSystem=strict",
                "ProtectHome=yes",
                ""));
    }

    @Test
    void theTimerFiresOnTheCalendarToTheSecondAndMakesNothingUpAfterDowntime() {
        assertThat(SystemdUnit.cronTimer("shop", 2, "Mon,Fri *-*-* 3:0:00")).isEqualTo(String.join("\n",
                "# Written by deployer for app shop: edits here are overwritten by the next release.",
                "[Unit]",
                "Description=deployer app shop cron entry 2 schedule",
                "",
                "[Timer]",
                "OnCalendar=Mon,Fri *-*-* 3:0:00",
                "Persistent=false",
                "AccuracySec=1s",
                "Unit=deployer-shop@cron-2.service",
                "",
                "[Install]",
                "WantedBy=timers.target",
                ""));
        assertThatThrownBy(() -> SystemdUnit.cronTimer("shop", 1, "*-*-* 3:0:00\nOnCalendar=minutely"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheAppsOwnCronUnitsAreRecognised() {
        assertThat(CronCommands.parse("shop", "deployer-shop@cron-1.service")).isEqualTo(Optional.of(1));
        assertThat(CronCommands.parse("shop", "deployer-shop@cron-20.timer")).isEqualTo(Optional.of(20));
        assertThat(CronCommands.parse("shop", "deployer-shop-admin@cron-1.timer")).isEmpty();
        assertThat(CronCommands.parse("shop", "deployer-shop@cron-0.timer")).isEmpty();
        assertThat(CronCommands.parse("shop", "deployer-shop@cron-1.service.d")).isEmpty();
        assertThat(CronCommands.parse("shop", "deployer-shop@cron-123.service")).isEmpty();
    }

    @Test
    void psNamesOnlyTheAppsOwnUnits() {
        assertThatThrownBy(() -> PsCommands.show("shop", List.of("sshd.service"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(PsCommands.cronUnits("shop", 2)).containsExactly("deployer-shop@cron-1.service", "deployer-shop@cron-1.timer",
                "deployer-shop@cron-2.service", "deployer-shop@cron-2.timer");
    }

    @Test
    void commandsNameEachUnit() {
        assertThat(CronCommands.startTimers("shop", List.of(1, 2)).render()).isEqualTo(
                "'systemctl' 'enable' '--no-reload' '--' 'deployer-shop@cron-1.timer' 'deployer-shop@cron-2.timer' && "
                        + "'systemctl' 'restart' '--' 'deployer-shop@cron-1.timer' 'deployer-shop@cron-2.timer'");
        assertThat(CronCommands.listFiles("shop").render()).isEqualTo(
                "'find' '/etc/systemd/system' '-maxdepth' '1' '-name' 'deployer-shop@cron-*' '-printf' '%f\\n'");
        assertThat(PsCommands.show("shop", List.of("deployer-shop-worker@1.service", "deployer-shop@cron-1.service")).render()).isEqualTo("'systemctl' 'show' '--property=Id' '--property=LoadState' "
                + "'--property=ActiveState' '--property=SubState' '--property=ActiveEnterTimestamp' '--property=Result' "
                + "'--property=ExecMainStatus' '--property=ExecMainExitTimestamp' '--property=NextElapseUSecRealtime' '--' "
                + "'deployer-shop.service' 'deployer-shop@a.service' 'deployer-shop@b.service' 'deployer-shop-worker@1.service' "
                + "'deployer-shop@cron-1.service' 'deployer-shop-*@[0-9]*.service' "
                + "'deployer-shop@cron-[0-9]*.service' 'deployer-shop@cron-[0-9]*.timer' && 'find' '/opt/deployer/shop' '-mindepth' '1' "
                + "'-maxdepth' '1' '-type' 'l' '(' '-name' 'current' '-o' '-name' 'slot-?' ')' '-printf' '%f %l\\n'");
    }
}
