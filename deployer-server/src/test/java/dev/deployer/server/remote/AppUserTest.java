package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppUserTest {
    private final HostLayout web = new HostLayout("web");

    @Test
    void createsASystemUserWithoutLoginShellOrHomeMarkedAsDeployers() {
        assertThat(AppUser.create(web).render()).isEqualTo("'useradd' '--system' '--user-group' '--no-create-home' "
                + "'--home-dir' '/var/lib/deployer/web' '--shell' '/usr/sbin/nologin' '--comment' 'deployer app web' '--' 'web'");
        assertThat(AppUser.lookup(web).render()).isEqualTo("'getent' 'passwd' 'web'");
    }

    @Test
    void onlyTheUserDeployerMadeCountsAsTheAppsOwn() {
        assertThat(AppUser.isDeployers(web, "web:x:998:998:deployer app web:/var/lib/deployer/web:/usr/sbin/nologin\n")).isTrue();
        assertThat(AppUser.isDeployers(web, "web:x:1000:1000:Web Person:/home/web:/bin/bash")).isFalse();
        assertThat(AppUser.isDeployers(web, "web:x:0:0:deployer app web:/root:/bin/bash")).isFalse();
        assertThat(AppUser.isDeployers(web, "")).isFalse();
    }
}
