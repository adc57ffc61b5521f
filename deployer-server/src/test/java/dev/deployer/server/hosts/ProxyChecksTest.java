package dev.deployer.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.PreflightCheck;
import dev.deployer.server.apps.App;
import dev.deployer.server.remote.ProxyPreflight;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyChecksTest {
    private static final String HAPROXY_26 = "HAProxy version 2.6.12-1+deb12u3 2025/10/03 - https://haproxy.org/\n"
            + "Status: long-term supported branch - will stop receiving fixes around Q2 2027.\n";
    private static final String MISSING = "bash: line 1: /usr/sbin/haproxy: No such file or directory\n";
    private static final AppNeeds SHOP = new AppNeeds("shop", 8080, 17, App.ZERO_DOWNTIME);
    private static final AppNeeds LEGACY = new AppNeeds("legacy", 8081, 17, App.RESTART);

    @Test
    void theProxyIsNeededByAZeroDowntimeAppOrWhenTheHostHasNoAppYet() {
        assertThat(ProxyChecks.needed(List.of())).isTrue();
        assertThat(ProxyChecks.needed(List.of(LEGACY, SHOP))).isTrue();
        assertThat(ProxyChecks.needed(List.of(AppNeeds.future(8082, 0)))).as("new apps default to zero-downtime").isTrue();
        assertThat(ProxyChecks.needed(List.of(LEGACY))).isFalse();
    }

    @Test
    void aMissingHaproxyFailsWithTheInstallLineWhenNeeded() {
        PreflightCheck check = ProxyChecks.haproxy(List.of(LEGACY, SHOP), 127, MISSING);
        assertThat(check.ok()).isFalse();
        assertThat(check.detail()).contains("/usr/sbin/haproxy is missing").contains("zero-downtime app shop").doesNotContain("legacy");
        assertThat(check.fix()).isEqualTo(ProxyPreflight.INSTALL_LINE).isEqualTo("sudo apt-get install -y haproxy socat");

        PreflightCheck empty = ProxyChecks.haproxy(List.of(), 127, MISSING);
        assertThat(empty.ok()).isFalse();
        assertThat(empty.detail()).contains("no app on this host yet").contains("default for new apps");
    }

    @Test
    void restartOnlyHostsPassWithoutHaproxyButAreToldTheLine() {
        PreflightCheck check = ProxyChecks.haproxy(List.of(LEGACY), 127, MISSING);
        assertThat(check.ok()).isTrue();
        assertThat(check.detail()).contains("not needed").contains(ProxyPreflight.INSTALL_LINE);
        assertThat(ProxyChecks.socat(List.of(LEGACY), 127).ok()).isTrue();
    }

    @Test
    void haproxyMustBeTwoPointZeroOrNewer() {
        PreflightCheck current = ProxyChecks.haproxy(List.of(SHOP), 0, HAPROXY_26);
        assertThat(current.ok()).isTrue();
        assertThat(current.detail()).startsWith("haproxy 2.6");

        PreflightCheck old = ProxyChecks.haproxy(List.of(SHOP), 0, "HA-Proxy version 1.8.19-1+deb10u3 2020/08/01 - https://haproxy.org/\n");
        assertThat(old.ok()).isFalse();
        assertThat(old.detail()).contains("haproxy 1.8 is older than 2.0");
        assertThat(old.fix()).contains("upgrade haproxy").contains(ProxyPreflight.INSTALL_LINE);

        PreflightCheck garbled = ProxyChecks.haproxy(List.of(SHOP), 1, "Segmentation fault\n");
        assertThat(garbled.ok()).isFalse();
        assertThat(garbled.detail()).contains("printed no version (exit 1)");
    }

    @Test
    void socatMissingFailsWhenTheProxyIsNeeded() {
        PreflightCheck check = ProxyChecks.socat(List.of(SHOP), 127);
        assertThat(check.ok()).isFalse();
        assertThat(check.detail()).contains("/usr/bin/socat is missing");
        assertThat(check.fix()).isEqualTo(ProxyPreflight.INSTALL_LINE);
        assertThat(ProxyChecks.socat(List.of(SHOP), 0).ok()).isTrue();
    }

    @Test
    void aZeroDowntimeAppNeedsItsPortAndBothSlotPortsEachHeldOnlyByItsOwnUnit() {
        assertThat(ProxyChecks.ports(SHOP)).containsExactly(
                new ProxyChecks.PortNeed(8080, "shop", List.of("deployer-shop@proxy.service", "deployer-shop.service")),
                new ProxyChecks.PortNeed(18080, "slot a of shop", List.of("deployer-shop@a.service")),
                new ProxyChecks.PortNeed(28080, "slot b of shop", List.of("deployer-shop@b.service")));
        assertThat(ProxyChecks.ports(LEGACY)).as("a restart app's port may still be held by its proxy, before its first deploy")
                .containsExactly(new ProxyChecks.PortNeed(8081, "legacy", List.of("deployer-legacy@proxy.service", "deployer-legacy.service")));
        assertThat(ProxyChecks.ports(AppNeeds.future(8082, 0))).as("an app not created yet owns no unit").extracting(ProxyChecks.PortNeed::port)
                .containsExactly(8082, 18082, 28082);
        assertThat(ProxyChecks.ports(AppNeeds.future(8082, 0))).allSatisfy(need -> assertThat(need.ownUnits()).isEmpty());
        assertThat(ProxyChecks.ports(AppNeeds.future(0, 21))).isEmpty();
    }

    @Test
    void aPortIsFreeOrHeldByTheAppsOwnUnitOrAFailure() {
        ProxyChecks.PortNeed slotA = ProxyChecks.ports(SHOP).get(1);
        assertThat(ProxyChecks.port(slotA, false, Optional.empty())).isEqualTo(PreflightCheck.pass("port 18080", "free for slot a of shop"));
        assertThat(ProxyChecks.port(slotA, true, Optional.of("deployer-shop@a.service")))
                .isEqualTo(PreflightCheck.pass("port 18080", "in use by deployer-shop@a.service itself (slot a of shop)"));
        PreflightCheck taken = ProxyChecks.port(slotA, true, Optional.empty());
        assertThat(taken.ok()).isFalse();
        assertThat(taken.detail()).contains("port 18080 (for slot a of shop) is already taken by another process");
        assertThat(taken.fix()).contains("ss -ltnp 'sport = :18080'");
    }

    @Test
    void aZeroDowntimePortAbove12767LeavesNoRoomForTheSlots() {
        assertThat(ProxyChecks.slotPortRange(SHOP)).isEmpty();
        assertThat(ProxyChecks.slotPortRange(new AppNeeds("big", 12767, 17, App.ZERO_DOWNTIME))).isEmpty();
        assertThat(ProxyChecks.slotPortRange(new AppNeeds("big", 12768, 17, App.RESTART))).isEmpty();
        PreflightCheck tooHigh = ProxyChecks.slotPortRange(new AppNeeds("big", 12768, 17, App.ZERO_DOWNTIME)).orElseThrow();
        assertThat(tooHigh.ok()).isFalse();
        assertThat(tooHigh.fix()).contains("between 1024 and 12767").contains("deployer apps update big --strategy restart");
        assertThat(ProxyChecks.ports(new AppNeeds("big", 12768, 17, App.ZERO_DOWNTIME))).extracting(ProxyChecks.PortNeed::port)
                .containsExactly(12768);
    }
}
