package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProxyCommandsTest {
    private static final String SOCAT = "'/usr/bin/socat' '-t' '2' '-T' '5' 'STDIO' 'UNIX-CONNECT:/run/deployer-shop-proxy/admin.sock'";

    @Test
    void aCandidateConfigReplacesTheLiveOneOnlyAfterHaproxyAcceptsIt() {
        assertThat(ProxyCommands.publishConfig("shop").render()).isEqualTo(
                "'/usr/sbin/haproxy' '-c' '-q' '-f' '/etc/deployer/shop/haproxy.cfg.new'"
                        + " && 'chmod' '0644' '--' '/etc/deployer/shop/haproxy.cfg.new'"
                        + " && 'mv' '-f' '-T' '--' '/etc/deployer/shop/haproxy.cfg.new' '/etc/deployer/shop/haproxy.cfg'");
        assertThat(ProxyCommands.ensureEtcDir("shop").render()).isEqualTo("'mkdir' '-p' '-m' '0755' '--' '/etc/deployer/shop'");
    }

    @Test
    void proxyAndSlotUnits() {
        assertThat(ProxyCommands.startProxy("shop").render()).isEqualTo(
                "'systemctl' 'enable' '--' 'deployer-shop@proxy.service' && 'systemctl' 'start' '--' 'deployer-shop@proxy.service'");
        assertThat(ProxyCommands.reloadProxy("shop").render())
                .isEqualTo("'systemctl' 'reload-or-restart' '--' 'deployer-shop@proxy.service'");
        assertThat(ProxyCommands.startSlot("shop", Slot.B).render()).isEqualTo("'systemctl' 'start' '--' 'deployer-shop@b.service'");
        assertThat(ProxyCommands.stopSlot("shop", Slot.A).render()).isEqualTo("'systemctl' 'stop' '--' 'deployer-shop@a.service'");
    }

    @Test
    void aSwitchReadiesTheTargetBeforeDrainingTheOldSlotInOneLineOnStdin() {
        ProxyApiCall toB = ProxyCommands.switchTo("shop", Slot.B);
        assertThat(toB.command().render()).isEqualTo(SOCAT);
        assertThat(toB.input()).isEqualTo("set server slots/b state ready; set server slots/a state drain\n");
        assertThat(new String(toB.stdin(), StandardCharsets.UTF_8)).isEqualTo(toB.input());
        assertThat(ProxyCommands.switchTo("shop", Slot.A).input())
                .isEqualTo("set server slots/a state ready; set server slots/b state drain\n");
    }

    @Test
    void drainMaintenanceAndStatLines() {
        assertThat(ProxyCommands.maintenance("shop", Slot.A).input()).isEqualTo("set server slots/a state maint\n");
        assertThat(ProxyCommands.shutdownSessions("shop", Slot.A).input()).isEqualTo("shutdown sessions server slots/a\n");
        assertThat(ProxyCommands.showStat("shop").input()).isEqualTo("show stat\n");
        assertThat(ProxyCommands.showStat("shop").command().render()).isEqualTo(SOCAT);
    }

    @Test
    void haproxyAnswersAnAppliedSetWithBlankLinesAndARefusalWithASentence() {
        assertThat(ProxyApiCall.applied("\n")).isTrue();
        assertThat(ProxyApiCall.applied("\n\n")).isTrue();
        assertThat(ProxyApiCall.applied("No such server.\n\n")).isFalse();
        assertThat(ProxyApiCall.applied("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n")).isFalse();
    }

    @Test
    void anApiCallIsExactlyOneLine() {
        RemoteCommand socat = ProxyCommands.showStat("shop").command();
        assertThatThrownBy(() -> new ProxyApiCall(socat, "show stat")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyApiCall(socat, "show stat\nshutdown sessions server slots/a\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyApiCall(socat, "\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadAppNameNeverReachesASocketPath() {
        assertThatThrownBy(() -> ProxyCommands.switchTo("x,fork", Slot.A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProxyCommands.publishConfig("../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
