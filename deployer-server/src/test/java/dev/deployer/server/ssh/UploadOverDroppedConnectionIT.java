package dev.deployer.server.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.storage.DataDir;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads against an embedded sshd that can cut the connection or corrupt bytes in the middle of a transfer. */
class UploadOverDroppedConnectionIT {
    @TempDir
    Path temp;

    private EmbeddedSshd sshd;
    private SshHosts ssh;
    private HostTarget host;
    private Path local;
    private String sha256;
    private Path remoteDir;

    @BeforeEach
    void start() throws Exception {
        ServerKeyPair keyPair = ServerKeyPair.loadOrCreate(DataDir.open(temp.resolve("data")));
        sshd = EmbeddedSshd.start(keyPair.publicKey());
        ssh = new SshHosts(keyPair, new SshLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), 4, 2));
        host = sshd.target("h1");
        byte[] jar = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(jar);
        local = Files.write(temp.resolve("app.jar"), jar);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        remoteDir = Files.createDirectories(temp.resolve("host/opt/deployer/shop/releases/v1"));
    }

    @AfterEach
    void stop() throws Exception {
        ssh.close();
        sshd.close();
    }

    @Test
    void connectionDroppedMidUploadLeavesNothingUnderTheFinalNameAndTheUploadIsRetried() throws Exception {
        Path target = remoteDir.resolve("app.jar");
        AtomicInteger drops = new AtomicInteger(1);
        AtomicBoolean finalNameExistedAtDrop = new AtomicBoolean(true);
        sshd.tap = (command, channel) -> command.contains("'dd'") && drops.getAndDecrement() > 0
                ? in -> new CutAfter(in, 1024 * 1024, () -> {
                    finalNameExistedAtDrop.set(Files.exists(target));
                    channel.getSession().close(true);
                })
                : null;

        UploadResult result = ssh.upload(host, "artifact", local, target.toString(), sha256);

        assertThat(finalNameExistedAtDrop).isFalse();
        assertThat(result).isEqualTo(new UploadResult(false, Files.size(local)));
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(local));
        assertThat(sshd.connections.get()).isGreaterThanOrEqualTo(2);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void uploadIsSkippedWhenTheTargetAlreadyHoldsTheSameSha256() throws Exception {
        Path target = remoteDir.resolve("app.jar");
        Files.copy(local, target);
        AtomicInteger transfers = new AtomicInteger();
        sshd.tap = (command, channel) -> {
            if (command.contains("'dd'")) {
                transfers.incrementAndGet();
            }
            return null;
        };

        assertThat(ssh.upload(host, "artifact", local, target.toString(), sha256)).isEqualTo(new UploadResult(true, 0));
        assertThat(transfers).hasValue(0);
    }

    @Test
    void corruptedTransferNeverReachesTheFinalName() throws Exception {
        Path target = remoteDir.resolve("app.jar");
        sshd.tap = (command, channel) -> command.contains("'dd'") ? FlipFirstByte::new : null;

        assertThatThrownBy(() -> ssh.upload(host, "artifact", local, target.toString(), sha256))
                .isInstanceOfSatisfying(RemoteFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.UPLOAD_CORRUPTED);
                    assertThat(failure.getMessage()).contains("h1").contains(sha256);
                });
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aLocalFileThatIsNotTheExpectedSha256IsNeverPublished() throws Exception {
        Path target = remoteDir.resolve("app.jar");
        String wrong = "0".repeat(64);

        assertThatThrownBy(() -> ssh.upload(host, "artifact", local, target.toString(), wrong))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(wrong);
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void hostileTargetNamesStayOneFile() throws Exception {
        Path target = remoteDir.resolve("it's $(touch pwned) `id` ; x.jar");

        ssh.upload(host, "artifact", local, target.toString(), sha256);

        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(local));
        assertThat(remoteDir.resolve("pwned")).doesNotExist();
        assertThat(Path.of("pwned")).doesNotExist();
    }

    private java.util.List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(remoteDir)) {
            return files.filter(p -> p.getFileName().toString().contains(".deployer-tmp-")).toList();
        }
    }

    /** Passes {@code limit} bytes, then runs {@code cut} (which drops the connection) and fails the read. */
    private static final class CutAfter extends FilterInputStream {
        private final Runnable cut;
        private long left;

        CutAfter(InputStream in, long limit, Runnable cut) {
            super(in);
            this.left = limit;
            this.cut = cut;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                cut.run();
                throw new IOException("connection cut by the test");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private static final class FlipFirstByte extends FilterInputStream {
        private boolean flipped;

        FlipFirstByte(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && !flipped) {
                b[off] ^= 0x01;
                flipped = true;
            }
            return n;
        }
    }
}
