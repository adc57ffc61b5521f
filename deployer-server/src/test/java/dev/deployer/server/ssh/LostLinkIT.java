package dev.deployer.server.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.storage.DataDir;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that falls silent (a cut link: nothing closes, nothing arrives) against an embedded sshd
 * behind a relay that can stop passing bytes; stalled input; idle expiry; fresh logins.
 * Keepalive 1 s, silence 3 s, input stall 4 s, idle expiry 1 s, connect 5 s.
 */
class LostLinkIT {
    private static final SshLiveness LIVENESS = new SshLiveness(Duration.ofSeconds(1), Duration.ofSeconds(3),
            Duration.ofSeconds(4), Duration.ofSeconds(1));

    @TempDir
    Path temp;

    private EmbeddedSshd sshd;
    private SilencingProxy link;
    private SshHosts ssh;
    private HostTarget host;
    private final ExecutorService steps = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        ServerKeyPair keyPair = ServerKeyPair.loadOrCreate(DataDir.open(temp.resolve("data")));
        sshd = EmbeddedSshd.start(keyPair.publicKey());
        link = new SilencingProxy(sshd.target("h1").port());
        ssh = new SshHosts(keyPair, new SshLimits(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120), 4, 2),
                LIVENESS);
        host = new HostTarget("h1", "127.0.0.1", link.port(), "root", sshd.hostKey(), HostKeys.fingerprint(sshd.hostKey()));
    }

    @AfterEach
    void stop() throws Exception {
        steps.shutdownNow();
        ssh.close();
        link.close();
        sshd.close();
    }

    @Test
    void everyStepOnAHostThatFallsSilentFailsWithinTheSilenceLimitNamingTheHost() throws Exception {
        List<Future<CommandResult>> running = IntStream.range(0, 3)
                .mapToObj(i -> steps.submit(() -> ssh.run(host, "restart", RemoteCommand.of("sleep", "50")))).toList();
        awaitRunning(3);

        link.silence();
        long cut = System.nanoTime();

        for (Future<CommandResult> step : running) {
            assertThatThrownBy(() -> step.get(20, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(RemoteFailure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.LINK_LOST);
                assertThat(failure.host()).isEqualTo("h1");
                assertThat(failure.getMessage()).contains("host h1 stopped answering during step 'restart'")
                        .contains("sent nothing for 3 s");
            });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void anUploadOverALinkThatFallsSilentFailsInSecondsNotAfterItsBudget() throws Exception {
        byte[] jar = new byte[32 * 1024 * 1024];
        new Random(3).nextBytes(jar);
        Path local = Files.write(temp.resolve("app.jar"), jar);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        Path target = Files.createDirectories(temp.resolve("host")).resolve("app.jar");
        Future<UploadResult> upload = steps.submit(() -> ssh.upload(host, "artifact", local, target.toString(), sha256));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (link.bytesToHost() < 4 * 1024 * 1024 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        link.silence();
        long cut = System.nanoTime();

        assertThatThrownBy(() -> upload.get(60, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(RemoteFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.LINK_LOST);
            assertThat(failure.getMessage()).contains("host h1 stopped answering during step 'artifact'");
        });
        // the silence limit (3 s); no attempt to clean up on a host that cannot be reached
        assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(Duration.ofSeconds(10));
        assertThat(target).doesNotExist();
    }

    @Test
    void stepsWaitingForOneConnectAttemptFailWithItInsteadOfEachTryingAgain() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Callable<Void> acceptor = () -> {
                while (true) {
                    held.add(mute.accept()); // accepts and never speaks, as a host whose sshd hangs
                }
            };
            steps.submit(acceptor);
            HostTarget silent = new HostTarget("h2", "127.0.0.1", mute.getLocalPort(), "root", sshd.hostKey(), host.fingerprint());
            long start = System.nanoTime();
            List<Future<CommandResult>> waiting = IntStream.range(0, 3)
                    .mapToObj(i -> steps.submit(() -> ssh.run(silent, "prepare", RemoteCommand.of("true")))).toList();

            for (Future<CommandResult> step : waiting) {
                assertThatThrownBy(() -> step.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(RemoteFailure.class)
                        .hasMessageContaining("h2");
            }
            // one attempt (cut off by the silence limit), not three in a row
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            assertThat(held).hasSize(1);
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aStepWhoseHostTakesNoneOfItsInputFailsAfterTheStallLimitThoughTheLinkAnswers() {
        byte[] input = new byte[16 * 1024 * 1024];
        long start = System.nanoTime();

        assertThatThrownBy(() -> ssh.run(host, "artifact", RemoteCommand.of("sleep", "40"), input, Duration.ofSeconds(50)))
                .isInstanceOfSatisfying(RemoteFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.TIMED_OUT);
                    assertThat(failure.getMessage()).contains("took none of its input for 4 s");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
    }

    @Test
    void aLongStepWithNothingToSayIsNotMistakenForALostHost() {
        assertThat(ssh.run(host, "health", RemoteCommand.of("sh", "-c", "sleep 7; echo done")).stdout()).isEqualTo("done\n");
        assertThat(sshd.connections).hasValue(1);
    }

    @Test
    void aPooledConnectionUnusedForTheIdleExpiryIsClosedAndTheNextStepLogsInAfresh() throws Exception {
        ssh.run(host, "one", RemoteCommand.of("true"));
        ssh.run(host, "two", RemoteCommand.of("true"));
        assertThat(sshd.connections).hasValue(1);

        ssh.run(host, "busy", RemoteCommand.of("sleep", "2")); // in use longer than the expiry: not idle
        ssh.run(host, "right after", RemoteCommand.of("true"));
        assertThat(sshd.connections).hasValue(1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sshd.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sshd.openConnections()).as("connections still open after the idle expiry").isZero();
        ssh.run(host, "later", RemoteCommand.of("true"));
        assertThat(sshd.connections).hasValue(2);
    }

    @Test
    void aFreshLoginIsANewConnectionEveryTimeAndLeavesThePoolAlone() {
        ssh.run(host, "pooled", RemoteCommand.of("true"));
        for (int i = 0; i < 2; i++) {
            try (FreshLogin login = ssh.freshLogin(host, "preflight")) {
                assertThat(login.runAllowingFailure(RemoteCommand.of("echo", "fresh"), Duration.ofSeconds(10)).stdout())
                        .isEqualTo("fresh\n");
            }
        }
        ssh.run(host, "pooled again", RemoteCommand.of("true"));
        assertThat(sshd.connections).hasValue(3);
    }

    @Test
    void aFreshLoginWithAKeyTheHostRefusesFailsAndClosesThePooledConnectionToo() throws Exception {
        ssh.run(host, "pooled", RemoteCommand.of("true"));
        HostTarget otherKey = new HostTarget("h1", "127.0.0.1", link.port(), "root", ServerKeyPair
                .loadOrCreate(DataDir.open(temp.resolve("other"))).publicKey(), "SHA256:other");

        assertThatThrownBy(() -> ssh.freshLogin(otherKey, "preflight")).isInstanceOfSatisfying(RemoteFailure.class,
                failure -> assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.HOST_KEY_CHANGED));
        ssh.run(host, "pooled again", RemoteCommand.of("true"));
        assertThat(sshd.connections).hasValue(3);
    }

    private void awaitRunning(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sshd.running.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sshd.running.get()).isEqualTo(count);
    }

}
