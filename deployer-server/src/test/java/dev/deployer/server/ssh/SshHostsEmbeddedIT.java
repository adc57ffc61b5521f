package dev.deployer.server.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.storage.DataDir;
import dev.deployer.server.testing.ServerProcess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshHosts against an embedded sshd: pinning, captured results, failures, limits, forwarding, streams. */
class SshHostsEmbeddedIT {
    @TempDir
    Path temp;

    private ServerKeyPair keyPair;
    private EmbeddedSshd sshd;
    private SshHosts ssh;
    private HostTarget host;

    @BeforeEach
    void start() throws Exception {
        keyPair = ServerKeyPair.loadOrCreate(DataDir.open(temp.resolve("data")));
        sshd = EmbeddedSshd.start(keyPair.publicKey());
        ssh = new SshHosts(keyPair, new SshLimits(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60), 3, 2));
        host = sshd.target("h1");
    }

    @AfterEach
    void stop() throws Exception {
        ssh.close();
        sshd.close();
    }

    @Test
    void fetchHostKeyReturnsTheKeyTheHostPresentsWithoutLoggingIn() {
        assertThat(ssh.fetchHostKey("127.0.0.1", host.port())).isEqualTo(sshd.hostKey());
        assertThat(sshd.authAttempts).hasValue(0);
    }

    @Test
    void aHostPresentingAnotherKeyIsRefusedBeforeLoginWithHowToRePin() {
        String otherKey = keyPair.publicKey(); // any key but the host's
        HostTarget pinnedElsewhere = new HostTarget("h1", "127.0.0.1", host.port(), "root", otherKey, HostKeys.fingerprint(otherKey));

        assertThatThrownBy(() -> ssh.run(pinnedElsewhere, "probe", RemoteCommand.of("true")))
                .isInstanceOfSatisfying(RemoteFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.HOST_KEY_CHANGED);
                    assertThat(failure.getMessage()).contains("host key changed").contains(host.fingerprint())
                            .contains(pinnedElsewhere.fingerprint()).contains("deployer hosts trust h1");
                });
        assertThat(sshd.authAttempts).hasValue(0);
    }

    @Test
    void lastLoginsSayWhetherEachHostsLastLoginWorkedUntilTheHostIsForgotten() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HostTarget gone = new HostTarget("h2", "127.0.0.1", closed, "root", host.hostKey(), host.fingerprint());

        ssh.run(host, "probe", RemoteCommand.of("true"));
        assertThatThrownBy(() -> ssh.run(gone, "probe", RemoteCommand.of("true"))).isInstanceOf(RemoteFailure.class);

        assertThat(ssh.lastLogins().snapshot()).containsExactly(java.util.Map.entry("h1", true), java.util.Map.entry("h2", false));
        ssh.forget("h2");
        assertThat(ssh.lastLogins().snapshot()).containsOnlyKeys("h1");
    }

    @Test
    void resultCarriesExitCodeStdoutAndStderr() {
        CommandResult result = ssh.runAllowingFailure(host, "probe", RemoteCommand.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(result).isEqualTo(new CommandResult(3, "out\n", "err\n"));
    }

    @Test
    void aFailedCommandNamesHostStepExitCodeAndStderrTailButNotItsArguments() {
        assertThatThrownBy(() -> ssh.run(host, "configure", RemoteCommand.of("sh", "-c", "echo boom >&2; exit 4", "SECRET-ARG")))
                .isInstanceOfSatisfying(RemoteFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.COMMAND_FAILED);
                    assertThat(failure.exitCode()).isEqualTo(4);
                    assertThat(failure.getMessage()).contains("h1").contains("'configure'").contains("exited with 4")
                            .contains("boom").doesNotContain("SECRET-ARG");
                });
    }

    @Test
    void stdinReachesTheCommand() {
        byte[] content = "line one\nit's $HOME\n".getBytes(StandardCharsets.UTF_8);
        assertThat(ssh.run(host, "echo", RemoteCommand.of("cat"), content, Duration.ofSeconds(10)).stdout())
                .isEqualTo("line one\nit's $HOME\n");
    }

    @Test
    void writeFilePublishesCompleteContentWithItsMode() throws Exception {
        Path target = Files.createDirectories(temp.resolve("etc")).resolve("shop.env");
        ssh.writeFile(host, "env file", target.toString(), "A=1\n".getBytes(StandardCharsets.UTF_8), "0640", null);

        assertThat(target).hasContent("A=1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(Path::getFileName).map(Path::toString).toList()).containsExactly("shop.env");
        }
    }

    @Test
    void concurrentCommandsShareOneConnectionAndStayWithinTheSessionLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<CommandResult>> runs = IntStream.range(0, 12)
                    .mapToObj(i -> pool.submit(() -> ssh.run(host, "sleep", RemoteCommand.of("sleep", "0.3")))).toList();
            for (Future<CommandResult> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS).exitCode()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sshd.maxRunning.get()).isBetween(1, 3);
        assertThat(sshd.connections).hasValue(1);
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedAndReported() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ssh.run(host, "hang", RemoteCommand.of("sleep", "30"), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(RemoteFailure.class, failure -> assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.TIMED_OUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDroppedConnectionIsReplacedOnTheNextStep() {
        ssh.run(host, "first", RemoteCommand.of("true"));
        sshd.dropAllConnections();
        assertThat(ssh.run(host, "second", RemoteCommand.of("echo", "again")).stdout()).isEqualTo("again\n");
        assertThat(sshd.connections).hasValue(2);
    }

    @Test
    void forwardAndGetReachesLoopbackOnTheHost() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        try {
            assertThat(ssh.forwardAndGet(host, http.getAddress().getPort(), "/health", Duration.ofSeconds(5))).isEqualTo(204);
            assertThat(ssh.forwardAndGet(host, http.getAddress().getPort(), "/nope", Duration.ofSeconds(5))).isEqualTo(404);
        } finally {
            http.stop(0);
        }
        assertThat(ssh.forwardAndGet(host, ServerProcess.freePort(), "/health", Duration.ofSeconds(5))).isEqualTo(-1);
        assertThatThrownBy(() -> ssh.forwardAndGet(host, 80, "/x HTTP/1.1\r\nX: y", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamDeliversLinesUntilClosed() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        RemoteStream stream = ssh.stream(host, "logs", RemoteCommand.of("sh", "-c", "echo one; echo two; sleep 30"), lines::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lines.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(lines).containsExactly("one", "two");
        assertThat(stream.isOpen()).isTrue();
        stream.close();
        stream.finished().get(10, TimeUnit.SECONDS);
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aConsumerThatThrowsEndsTheStreamWithItsOwnError() throws Exception {
        RemoteStream stream = ssh.stream(host, "logs", RemoteCommand.of("sh", "-c", "echo one; sleep 30"), line -> {
            throw new IllegalStateException("consumer gave up on " + line);
        });
        assertThatThrownBy(() -> stream.finished().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("consumer gave up on one");
        // Its slot was given back: both stream slots of the host open again.
        try (RemoteStream first = ssh.stream(host, "logs", RemoteCommand.of("sleep", "5"), line -> { });
             RemoteStream second = ssh.stream(host, "logs", RemoteCommand.of("sleep", "5"), line -> { })) {
            assertThat(first.isOpen()).isTrue();
            assertThat(second.isOpen()).isTrue();
        }
    }
}
