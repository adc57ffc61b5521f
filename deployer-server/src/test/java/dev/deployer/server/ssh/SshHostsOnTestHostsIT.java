package dev.deployer.server.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.hosts.TestHostSetup;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.storage.DataDir;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshHosts on a real Debian host with systemd: the sudo path, verified uploads, atomic writes, streams that end cleanly. */
@WithTestHosts
class SshHostsOnTestHostsIT {
    private static final String APP_DIR = "/opt/deployer/sshit";

    @TempDir
    static Path temp;

    private static SshHosts ssh;
    private static TestHost th1;
    private static HostTarget asRoot;
    private static HostTarget asDeploy;

    @BeforeAll
    static void start(TestHosts hosts) {
        ServerKeyPair keyPair = ServerKeyPair.loadOrCreate(DataDir.open(temp.resolve("data")));
        th1 = hosts.get(0);
        TestHostSetup.authorize(th1, keyPair.publicKey());
        ssh = new SshHosts(keyPair, SshLimits.defaults());
        String key = ssh.fetchHostKey(th1.address(), th1.port());
        asRoot = new HostTarget("th1-root", th1.address(), th1.port(), "root", key, HostKeys.fingerprint(key));
        asDeploy = new HostTarget("th1-deploy", th1.address(), th1.port(), th1.deployUser(), key, HostKeys.fingerprint(key));
        th1.run("rm -rf " + APP_DIR + " /etc/deployer/sshit.env; pkill -f 'sleep 4[23]4[23]'; true").orThrow();
    }

    @AfterAll
    static void stop() {
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    void uploadAsANonRootUserGoesThroughSudoIsVerifiedAndSkippedTheSecondTime() throws Exception {
        byte[] jar = new byte[2 * 1024 * 1024];
        new Random(11).nextBytes(jar);
        Path local = Files.write(temp.resolve("app.jar"), jar);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        String target = APP_DIR + "/releases/v1/app.jar";
        ssh.run(asDeploy, "dirs", HostCommands.mkdirs(APP_DIR + "/releases/v1").privileged(false));

        assertThat(ssh.upload(asDeploy, "artifact", local, target, sha256)).isEqualTo(new UploadResult(false, jar.length));
        assertThat(th1.run("sha256sum " + target + " && stat -c '%U %a' " + target).orThrow().stdout())
                .isEqualTo(sha256 + "  " + target + "\nroot 644\n");
        assertThat(th1.run("ls -a " + APP_DIR + "/releases/v1").orThrow().stdout()).doesNotContain("deployer-tmp");

        assertThat(ssh.upload(asDeploy, "artifact", local, target, sha256)).isEqualTo(new UploadResult(true, 0));
    }

    @Test
    void writeFileAsANonRootUserSetsModeAndOwnerAtomically() {
        String path = "/etc/deployer/sshit.env";
        ssh.run(asDeploy, "dirs", HostCommands.mkdirs("/etc/deployer").privileged(false));

        ssh.writeFile(asDeploy, "env file", path, "PORT=8080\nSECRET=it's $x\n".getBytes(StandardCharsets.UTF_8), "0600", "root:root");

        assertThat(th1.run("stat -c '%U:%G %a' " + path + " && cat " + path).orThrow().stdout())
                .isEqualTo("root:root 600\nPORT=8080\nSECRET=it's $x\n");
    }

    @Test
    void aNonRootUserWithoutSudoGetsTheRemoteErrorNamed() {
        RemoteCommand unprivileged = HostCommands.mkdirs("/opt/deployer/not-allowed");
        try {
            ssh.run(asDeploy, "dirs", unprivileged);
            throw new AssertionError("mkdir under /opt as deploy without sudo should fail");
        } catch (RemoteFailure failure) {
            assertThat(failure.getMessage()).contains("th1-deploy").contains("'dirs'").contains("mkdir exited with 1")
                    .contains("Permission denied");
        }
    }

    @Test
    void closingAStreamLeavesNoProcessOnTheHost() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        RemoteStream stream = ssh.stream(asDeploy, "follow", RemoteCommand.of("sh", "-c", "echo started; exec sleep 4242")
                .privileged(false), lines::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(lines).containsExactly("started");
        assertThat(th1.run("pgrep -f 'sleep 4242'").exitCode()).isZero();

        stream.close();
        stream.finished().get(10, TimeUnit.SECONDS);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (th1.run("pgrep -f 'sleep 4242'").exitCode() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(th1.run("pgrep -f 'sleep 4242'").exitCode()).as("sleep still running on the host").isEqualTo(1);
    }

    @Test
    void aCommandPastItsTimeoutDoesNotKeepRunningOnTheHost() throws Exception {
        try {
            ssh.run(asRoot, "hang", RemoteCommand.of("sleep", "4343"), Duration.ofSeconds(1));
            throw new AssertionError("sleep 4343 should have timed out");
        } catch (RemoteFailure failure) {
            assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.TIMED_OUT);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (th1.run("pgrep -f 'sleep 4343'").exitCode() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(th1.run("pgrep -f 'sleep 4343'").exitCode()).as("sleep still running on the host").isEqualTo(1);
    }

    @Test
    void healthCheckThroughTheTunnelSeesNothingOnAClosedPort() {
        assertThat(ssh.forwardAndGet(asRoot, 1, "/health", Duration.ofSeconds(5))).isEqualTo(-1);
    }
}
