package dev.deployer.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.PreflightCheck;
import dev.deployer.api.PreflightReport;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.testing.RecordingHosts;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** zstd is optional on a host: preflight says whether deploys will send patches, and never fails for it. */
class PreflightZstdTest {
    private static final HostTarget HOST = new HostTarget("web1", "10.0.0.1", 22, "root", "ssh-ed25519 AAAA", "SHA256:x");
    private final RecordingHosts hosts = new RecordingHosts();

    @BeforeEach
    void root() {
        hosts.when("id -u").prints("0\n");
    }

    @Test
    void aHostWithZstdIsToldDeploysSendPatches() {
        hosts.when("/usr/bin/zstd --version").prints("*** Zstandard CLI (64-bit) v1.5.4, by Yann Collet ***\n");

        PreflightCheck zstd = zstdCheck();

        assertThat(zstd.ok()).isTrue();
        assertThat(zstd.detail()).isEqualTo(
                "Zstandard CLI (64-bit) v1.5.4, by Yann Collet: deploys send a patch against an earlier release's jar when the host holds one");
    }

    @Test
    void aHostWithoutZstdPassesAndIsToldDeploysSendWholeJarsAndHowToInstallIt() {
        hosts.when("/usr/bin/zstd --version").exits(127, "", "sh: 1: /usr/bin/zstd: not found");

        PreflightCheck zstd = zstdCheck();

        assertThat(zstd.ok()).isTrue();
        assertThat(zstd.detail()).isEqualTo("/usr/bin/zstd is missing (exit 127): deploys send whole jars instead of patches against an "
                + "earlier release; to send patches: sudo apt-get install -y zstd");
    }

    private PreflightCheck zstdCheck() {
        PreflightReport report = new Preflight(hosts, Clock.systemUTC()).check(HOST, List.of());
        return report.checks().stream().filter(check -> check.name().equals("zstd")).findFirst().orElseThrow();
    }
}
