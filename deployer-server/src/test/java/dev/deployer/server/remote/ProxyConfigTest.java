package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxyConfigTest {
    private static final ProxySpec SHOP = new ProxySpec("shop", 8080, Slot.A, 30);

    @Test
    void rendersOneFrontendOnTheAppPortAndTheTwoSlotsWithTheIdleOneDisabled() {
        assertThat(ProxyConfig.render(SHOP)).isEqualTo("""
                # Written by deployer for app shop: edits here are overwritten by the next switch.
                # The live slot is the server that is not disabled; deployer switches at runtime, then keeps this file in step.
                global
                    log stdout format raw local0 info
                    stats socket /run/deployer-shop-proxy/admin.sock mode 600 level admin expose-fd listeners
                    stats timeout 10s
                    hard-stop-after 35s
                    maxconn 4096

                defaults
                    mode http
                    log global
                    option httplog
                    option dontlog-normal
                    option forwardfor
                    timeout connect 5s
                    timeout client 5m
                    timeout server 5m
                    timeout http-request 30s
                    timeout http-keep-alive 10s
                    timeout tunnel 1h

                frontend shop
                    bind :8080
                    default_backend slots

                backend slots
                    server a 127.0.0.1:18080
                    server b 127.0.0.1:28080 disabled
                """);
    }

    @Test
    void theFileNamesWhicheverSlotIsLiveSoARestartComesUpTheSame() {
        String withB = ProxyConfig.render(SHOP.withLive(Slot.B));
        assertThat(withB).contains("    server a 127.0.0.1:18080 disabled\n    server b 127.0.0.1:28080\n");
        assertThat(withB).doesNotContain("28080 disabled");
    }

    @Test
    void theDrainTimeoutBoundsHowLongAReloadsOldWorkerLives() {
        assertThat(ProxyConfig.render(new ProxySpec("shop", 8080, Slot.A, 120))).contains("    hard-stop-after 125s\n");
    }

    @Test
    void badSpecsAreRejected() {
        assertThatThrownBy(() -> new ProxySpec("../x", 8080, Slot.A, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxySpec("shop", 20000, Slot.A, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxySpec("shop", 8080, null, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxySpec("shop", 8080, Slot.A, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxySpec("shop", 8080, Slot.A, 3601)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProxyUnitRunsHaproxyMasterWorkerOnTheAppsConfigAsTheHaproxyUser() {
        assertThat(ProxyUnit.render("shop")).isEqualTo("""
                # Written by deployer for app shop: edits here are overwritten by the next deploy.
                [Unit]
                Description=deployer proxy for app shop
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=notify
                User=haproxy
                Group=haproxy
                RuntimeDirectory=deployer-shop-proxy
                ExecStartPre=/usr/sbin/haproxy -c -q -f /etc/deployer/shop/haproxy.cfg
                ExecStart=/usr/sbin/haproxy -Ws -f /etc/deployer/shop/haproxy.cfg -p /run/deployer-shop-proxy/haproxy.pid
                ExecReload=/usr/sbin/haproxy -c -q -f /etc/deployer/shop/haproxy.cfg
                ExecReload=/bin/kill -USR2 $MAINPID
                KillMode=mixed
                SuccessExitStatus=143
                Restart=always
                RestartSec=2
                SyslogIdentifier=shop@proxy
                NoNewPrivileges=yes
                PrivateTmp=yes
                ProtectSystem=strict
                ProtectHome=yes
                CapabilityBoundingSet=

                [Install]
                WantedBy=multi-user.target
                """);
    }
}
