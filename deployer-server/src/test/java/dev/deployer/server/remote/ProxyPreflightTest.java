package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyPreflightTest {
    @Test
    void probesAndTheInstallLine() {
        assertThat(ProxyPreflight.haproxyVersion().render()).isEqualTo("'/usr/sbin/haproxy' '-v'");
        assertThat(ProxyPreflight.socatVersion().render()).isEqualTo("'/usr/bin/socat' '-V'");
        assertThat(ProxyPreflight.INSTALL_LINE).isEqualTo("sudo apt-get install -y haproxy socat");
    }

    @Test
    void readsTheVersionHaproxyPrints() {
        assertThat(ProxyPreflight.parseVersion("HAProxy version 2.6.12-1+deb12u3 2025/10/03 - https://haproxy.org/\nStatus: ..."))
                .hasValue(new ProxyPreflight.Version(2, 6));
        assertThat(ProxyPreflight.parseVersion("HA-Proxy version 1.8.19-1+deb10u3 2020/08/01\n")).hasValue(new ProxyPreflight.Version(1, 8));
        assertThat(ProxyPreflight.parseVersion("bash: /usr/sbin/haproxy: No such file or directory")).isEmpty();
    }

    @Test
    void twoPointZeroAndLaterAreSupported() {
        assertThat(new ProxyPreflight.Version(2, 6).supported()).isTrue();
        assertThat(new ProxyPreflight.Version(2, 0).supported()).isTrue();
        assertThat(new ProxyPreflight.Version(3, 0).supported()).isTrue();
        assertThat(new ProxyPreflight.Version(1, 8).supported()).isFalse();
    }

    @Test
    void eachPortAndTheUnitsAllowedToHoldIt() {
        assertThat(ProxyPreflight.ports(8080)).isEqualTo(List.of(8080, 18080, 28080));
        assertThat(ProxyPreflight.ownUnits("shop", 8080, 8080)).isEqualTo(List.of("deployer-shop@proxy.service", "deployer-shop.service"));
        assertThat(ProxyPreflight.ownUnits("shop", 8080, 18080)).isEqualTo(List.of("deployer-shop@a.service"));
        assertThat(ProxyPreflight.ownUnits("shop", 8080, 28080)).isEqualTo(List.of("deployer-shop@b.service"));
        assertThatThrownBy(() -> ProxyPreflight.ownUnits("shop", 8080, 9090)).isInstanceOf(IllegalArgumentException.class);
    }
}
