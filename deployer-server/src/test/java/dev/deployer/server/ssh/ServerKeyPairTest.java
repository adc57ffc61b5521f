package dev.deployer.server.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.storage.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyPairTest {
    @TempDir
    Path temp;

    @Test
    void aNewPairIsWrittenPrivateWithNoTempFilesLeft() throws Exception {
        DataDir dataDir = DataDir.open(temp.resolve("data"));

        ServerKeyPair pair = ServerKeyPair.loadOrCreate(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.sshPrivateKey()))).isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.sshPrivateKey())).startsWith("-----BEGIN OPENSSH ");
        assertThat(pair.publicKey()).startsWith("ssh-ed25519 ").endsWith(" deployer");
        try (Stream<Path> files = Files.list(dataDir.sshPrivateKey().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("id_ed25519", "id_ed25519.pub");
        }
        assertThat(ServerKeyPair.loadOrCreate(dataDir).publicKey()).isEqualTo(pair.publicKey());
    }

    @Test
    void aMissingPublicKeyIsRebuiltFromThePrivateOne() throws Exception {
        DataDir dataDir = DataDir.open(temp.resolve("data"));
        String publicKey = ServerKeyPair.loadOrCreate(dataDir).publicKey();
        Files.delete(dataDir.sshPublicKey());

        assertThat(ServerKeyPair.loadOrCreate(dataDir).publicKey()).isEqualTo(publicKey);
        assertThat(Files.readString(dataDir.sshPublicKey()).trim()).isEqualTo(publicKey);
    }

    @Test
    void aStartStoppedBeforeThePrivateKeyWasWrittenMakesAWholeNewPair() throws Exception {
        DataDir dataDir = DataDir.open(temp.resolve("data"));
        String first = ServerKeyPair.loadOrCreate(dataDir).publicKey();
        Files.delete(dataDir.sshPrivateKey());

        String second = ServerKeyPair.loadOrCreate(dataDir).publicKey();
        Files.delete(dataDir.sshPublicKey());

        assertThat(second).isNotEqualTo(first);
        assertThat(ServerKeyPair.loadOrCreate(dataDir).publicKey()).as("the public key file matches the private key").isEqualTo(second);
    }
}
