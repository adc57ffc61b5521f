package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunCommandsTest {
    private static final RunCommands.Place V3 = new RunCommands.Place(3, "/etc/deployer/shop.env");

    @Test
    void aRunIsATransientUnitWithTheAppsUserEnvHardeningReleaseDirAndTimeLimit() {
        assertThat(RunCommands.start("shop", "abc123", V3, Duration.ofMinutes(10), List.of("java", "-jar", "app.jar", "migrate"))
                .render()).isEqualTo("'systemd-run' '--unit=deployer-shop@run-abc123.service' '--description=deployer run in shop v3' "
                + "'--wait' '--pipe' '--collect' '--quiet' "
                + "'--property=User=shop' '--property=Group=shop' '--property=EnvironmentFile=/etc/deployer/shop.env' "
                + "'--property=StateDirectory=deployer/shop' '--property=WorkingDirectory=/opt/deployer/shop/releases/v3' "
                + "'--property=Environment=JAR=/opt/deployer/shop/releases/v3/app.jar' "
                + "'--property=NoNewPrivileges=yes' '--property=PrivateTmp=yes' '--property=ProtectSystem=strict' "
                + "'--property=ProtectHome=yes' '--property=RuntimeMaxSec=600' '--property=TimeoutStopSec=10' "
                + "'--' 'java' '-jar' 'app.jar' 'migrate'");
    }

    @Test
    void hostileWordsStaySingleWordsThatNeitherTheShellNorSystemdExpands() {
        List<String> words = RunCommands.start("shop", "abc123", V3, Duration.ofSeconds(5),
                List.of("echo", "; rm -rf /", "$(id)", "${JAR}", "`id`", "it's", "a\nb")).words();

        assertThat(words.subList(words.indexOf("--") + 1, words.size()))
                .containsExactly("echo", "; rm -rf /", "$$(id)", "$${JAR}", "`id`", "it's", "a\nb");
        assertThat(RunCommands.start("shop", "abc123", V3, Duration.ofSeconds(5), List.of("echo", "; rm -rf /", "$(id)")).render())
                .endsWith("'--' 'echo' '; rm -rf /' '$$(id)'");
    }

    @Test
    void everyServiceLineOfTheAppsUnitButHowItStartsAndLogsIsAPropertyOfTheRun() {
        Set<String> unitOnly = Set.of("Type", "WorkingDirectory", "ExecStart", "Restart", "RestartSec", "SuccessExitStatus",
                "TimeoutStopSec", "StandardOutput", "StandardError", "SyslogIdentifier");
        String unit = SystemdUnit.render(new SystemdUnit.Spec("shop", List.of()));
        List<String> service = unit.substring(unit.indexOf("[Service]\n") + 10, unit.indexOf("\n\n[Install]")).lines()
                .filter(line -> !unitOnly.contains(line.substring(0, line.indexOf('=')))).toList();
        List<String> run = RunCommands.start("shop", "x", new RunCommands.Place(3, "/etc/deployer/shop.env"), Duration.ofSeconds(5),
                List.of("true")).words();

        assertThat(service).hasSizeGreaterThanOrEqualTo(8);
        assertThat(run).containsAll(service.stream().map(line -> "--property=" + line).toList());
    }

    @Test
    void theReleaseIsWhereTheHostsCurrentPointsAndAZeroDowntimeAppUsesItsLiveSlotsEnvFile() {
        String links = "slot-a releases/v2\ncurrent releases/v3\nslot-b releases/v3\n";

        assertThat(RunCommands.place("shop", links, false)).contains(new RunCommands.Place(3, "/etc/deployer/shop.env"));
        assertThat(RunCommands.place("shop", links, true)).contains(new RunCommands.Place(3, "/etc/deployer/shop/slot-b.env"));
        assertThat(RunCommands.place("shop", "current releases/v3\n", true)).contains(new RunCommands.Place(3, "/etc/deployer/shop.env"));
    }

    @Test
    void aHostWithoutACurrentReleaseOrWithAStrangeLinkHasNoPlaceToRun() {
        assertThat(RunCommands.place("shop", "", false)).isEqualTo(Optional.empty());
        assertThat(RunCommands.place("shop", "slot-a releases/v2\n", true)).isEmpty();
        assertThat(RunCommands.place("shop", "current /etc\n", false)).isEmpty();
        assertThat(RunCommands.place("shop", "current releases/v3/../../../etc\n", false)).isEmpty();
    }

    @Test
    void runsHaveUnitsUnderTheAppsOwnPrefixAndAreStoppedByName() {
        assertThat(RunCommands.unitName("shop", "k3x9")).isEqualTo("deployer-shop@run-k3x9.service");
        assertThat(RunCommands.stop("shop", "k3x9").render()).isEqualTo("'systemctl' 'stop' '--' 'deployer-shop@run-k3x9.service'");
        assertThatThrownBy(() -> RunCommands.unitName("shop", "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunCommands.unitName("Shop", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimeLimitIsBoundedAndAProgramIsNeeded() {
        assertThatThrownBy(() -> RunCommands.start("shop", "x", V3, Duration.ofHours(2), List.of("true")))
                .hasMessageContaining("1 s to 60 min");
        assertThatThrownBy(() -> RunCommands.start("shop", "x", V3, Duration.ZERO, List.of("true")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunCommands.start("shop", "x", V3, Duration.ofSeconds(5), List.of()))
                .hasMessageContaining("program");
        assertThatThrownBy(() -> RunCommands.start("shop", "x", V3, Duration.ofSeconds(5), List.of("a\0b")))
                .hasMessageContaining("NUL");
    }
}
