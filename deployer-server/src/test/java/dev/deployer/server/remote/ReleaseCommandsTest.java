package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReleaseCommandsTest {
    @Test
    void switchingCurrentLinksBesideItThenRenamesOverIt() {
        assertThat(ReleaseCommands.switchCurrent("shop", 7, "abc123").render()).isEqualTo(
                "'rm' '-f' '--' '/opt/deployer/shop/current.deployer-tmp-abc123'"
                        + " && 'ln' '-s' '-T' '--' 'releases/v7' '/opt/deployer/shop/current.deployer-tmp-abc123'"
                        + " && 'mv' '-f' '-T' '--' '/opt/deployer/shop/current.deployer-tmp-abc123' '/opt/deployer/shop/current'");
    }

    @Test
    void existingJarIsHardLinkedUnderATempNameThenRenamed() {
        assertThat(ReleaseCommands.linkExisting("/opt/deployer/shop/releases/v1/app.jar", "/opt/deployer/shop/releases/v3/app.jar",
                "x1").render()).isEqualTo(
                "'ln' '-f' '-T' '--' '/opt/deployer/shop/releases/v1/app.jar' '/opt/deployer/shop/releases/v3/app.jar.deployer-tmp-x1'"
                        + " && 'mv' '-f' '-T' '--' '/opt/deployer/shop/releases/v3/app.jar.deployer-tmp-x1'"
                        + " '/opt/deployer/shop/releases/v3/app.jar'");
    }

    @Test
    void releaseJarsAreListedWithoutAShellGlobAndOnlyJarsWithoutASumFileAreHashed() {
        assertThat(ReleaseCommands.listReleaseJars("shop").render()).isEqualTo(
                "'find' '/opt/deployer/shop/releases' '-mindepth' '2' '-maxdepth' '2' '-name' 'app.jar' '-type' 'f'"
                        + " '!' '-execdir' 'test' '-s' 'app.jar.sha256' ';' '-exec' 'sha256sum' '{}' '+'"
                        + " && 'find' '/opt/deployer/shop/releases' '-mindepth' '2' '-maxdepth' '2' '-name' 'app.jar.sha256'"
                        + " '-type' 'f' '-printf' '%h ' '-exec' 'head' '-c' '64' '{}' ';' '-printf' '\\n'");
    }

    @Test
    void statusReadsUnitStateAndCurrentLink() {
        assertThat(ReleaseCommands.unitState("shop").render()).isEqualTo(
                "'systemctl' 'show' '--property=ActiveState' '--property=ActiveEnterTimestamp' '--' 'deployer-shop.service'");
        assertThat(ReleaseCommands.readCurrent("shop").render()).isEqualTo("'readlink' '--' '/opt/deployer/shop/current'");
    }
}
