package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeltaCommandsTest {
    private static final String V1 = "/opt/deployer/shop/releases/v1/app.jar";
    private static final String V2 = "/opt/deployer/shop/releases/v2/app.jar";

    @Test
    void thePatchAndTheRebuiltJarLieBesideTheTargetUnderTempNames() {
        assertThat(DeltaCommands.patchPath(V2, "x1")).isEqualTo(V2 + ".deployer-tmp-patchx1");
        assertThat(DeltaCommands.rebuiltPath(V2, "x1")).isEqualTo(V2 + ".deployer-tmp-rebuiltx1");
    }

    @Test
    void thePatchArrivesOnStdinThenTheJarIsRebuiltWithTheWindowOfThePatchThenHashed() {
        String patch = DeltaCommands.patchPath(V2, "x1");
        String rebuilt = DeltaCommands.rebuiltPath(V2, "x1");
        assertThat(DeltaCommands.receiveRebuildAndHash(V1, patch, rebuilt, 27).render()).isEqualTo(
                "'install' '-m' '0600' '-T' '/dev/null' '/opt/deployer/shop/releases/v2/app.jar.deployer-tmp-patchx1'"
                        + " && 'dd' 'of=/opt/deployer/shop/releases/v2/app.jar.deployer-tmp-patchx1' 'bs=64K' 'status=none'"
                        + " && '/usr/bin/zstd' '-d' '-q' '--long=27' '--patch-from=/opt/deployer/shop/releases/v1/app.jar'"
                        + " '-o' '/opt/deployer/shop/releases/v2/app.jar.deployer-tmp-rebuiltx1'"
                        + " '--' '/opt/deployer/shop/releases/v2/app.jar.deployer-tmp-patchx1'"
                        + " && 'sha256sum' '--' '/opt/deployer/shop/releases/v2/app.jar.deployer-tmp-rebuiltx1'");
    }

    @Test
    void theCheckedJarIsMadeReadableRenamedIntoPlaceAndThePatchRemoved() {
        assertThat(DeltaCommands.publish(V2 + ".r", V2, V2 + ".p").render()).isEqualTo(
                "'chmod' '0644' '--' '/opt/deployer/shop/releases/v2/app.jar.r'"
                        + " && 'mv' '-f' '-T' '--' '/opt/deployer/shop/releases/v2/app.jar.r' '/opt/deployer/shop/releases/v2/app.jar'"
                        + " && 'rm' '-f' '--' '/opt/deployer/shop/releases/v2/app.jar.p'");
    }

    @Test
    void aFailedAttemptRemovesBothTempFiles() {
        assertThat(DeltaCommands.cleanUp(V2 + ".p", V2 + ".r").render()).isEqualTo(
                "'rm' '-f' '--' '/opt/deployer/shop/releases/v2/app.jar.p' '/opt/deployer/shop/releases/v2/app.jar.r'");
    }

    @Test
    void preflightAsksZstdForItsVersionByItsPath() {
        assertThat(DeltaCommands.zstdVersion().render()).isEqualTo("'/usr/bin/zstd' '--version'");
    }

    @Test
    void theWindowCoversTheLargerJarAndIsNeverBelowZstdsDefault() {
        assertThat(DeltaCommands.windowLog(1_000, 2_000)).isEqualTo(27);
        assertThat(DeltaCommands.windowLog(69_000_000, 69_000_100)).isEqualTo(27);
        assertThat(DeltaCommands.windowLog(1L << 27, 1L << 27)).isEqualTo(27);
        assertThat(DeltaCommands.windowLog(168_392_256, (1L << 27) + 1)).isEqualTo(28);
        assertThat(DeltaCommands.windowLog(1L << 31, 10)).isEqualTo(31);
        assertThat(DeltaCommands.windowLog((1L << 31) + 1, 10)).isEqualTo(-1);
    }

    @Test
    void aWindowZstdWouldRefuseIsRejectedWhereTheCommandIsBuilt() {
        assertThatThrownBy(() -> DeltaCommands.receiveRebuildAndHash(V1, "p", "r", 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeltaCommands.receiveRebuildAndHash(V1, "p", "r", 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
