package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostLayoutSlotsTest {
    private final HostLayout shop = new HostLayout("shop");

    @Test
    void everyPlaceTheProxyAndTheSlotsLiveOnAHost() {
        assertThat(shop.etcDir()).isEqualTo("/etc/deployer/shop");
        assertThat(shop.proxyConfig()).isEqualTo("/etc/deployer/shop/haproxy.cfg");
        assertThat(shop.proxyConfigCandidate()).isEqualTo("/etc/deployer/shop/haproxy.cfg.new");
        assertThat(shop.proxyUnitName()).isEqualTo("deployer-shop@proxy.service");
        assertThat(shop.proxyUnitFile()).isEqualTo("/etc/systemd/system/deployer-shop@proxy.service");
        assertThat(shop.proxyRuntimeDirectoryName()).isEqualTo("deployer-shop-proxy");
        assertThat(shop.proxySocket()).isEqualTo("/run/deployer-shop-proxy/admin.sock");
        assertThat(shop.proxyPidFile()).isEqualTo("/run/deployer-shop-proxy/haproxy.pid");
        assertThat(shop.slotEnvFile(Slot.A)).isEqualTo("/etc/deployer/shop/slot-a.env");
        assertThat(shop.slotUnitName(Slot.B)).isEqualTo("deployer-shop@b.service");
        assertThat(shop.slotUnitFile(Slot.B)).isEqualTo("/etc/systemd/system/deployer-shop@b.service");
    }

    @Test
    void theSlotsDirectorySitsBesideTheRestartStrategyEnvFileWithoutClashing() {
        assertThat(shop.envFile()).isEqualTo("/etc/deployer/shop.env");
        assertThat(shop.etcDir()).isNotEqualTo(shop.envFile());
    }
}
