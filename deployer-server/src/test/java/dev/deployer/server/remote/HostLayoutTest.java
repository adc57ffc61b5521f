package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostLayoutTest {
    private final HostLayout web = new HostLayout("web");

    @Test
    void everyPathOfAnAppOnAHost() {
        assertThat(web.appDir()).isEqualTo("/opt/deployer/web");
        assertThat(web.releasesDir()).isEqualTo("/opt/deployer/web/releases");
        assertThat(web.releaseDir(3)).isEqualTo("/opt/deployer/web/releases/v3");
        assertThat(web.releaseJar(3)).isEqualTo("/opt/deployer/web/releases/v3/app.jar");
        assertThat(web.current()).isEqualTo("/opt/deployer/web/current");
        assertThat(web.currentTarget(3)).isEqualTo("releases/v3");
        assertThat(web.currentJar()).isEqualTo("/opt/deployer/web/current/app.jar");
        assertThat(web.envFile()).isEqualTo("/etc/deployer/web.env");
        assertThat(web.unitName()).isEqualTo("deployer-web.service");
        assertThat(web.unitFile()).isEqualTo("/etc/systemd/system/deployer-web.service");
        assertThat(web.stateDir()).isEqualTo("/var/lib/deployer/web");
        assertThat(web.stateDirectoryName()).isEqualTo("deployer/web");
        assertThat(web.user()).isEqualTo("web");
    }

    @Test
    void aNameThatIsNotAnAppNameNeverBecomesAPath() {
        assertThatThrownBy(() -> new HostLayout("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostLayout("root")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> web.releaseDir(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
