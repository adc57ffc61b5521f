package dev.deployer.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProbeOutputTest {
    @Test
    void javaMajorFromEveryVersionScheme() {
        assertThat(ProbeOutput.javaMajor("openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime Environment")).hasValue(17);
        assertThat(ProbeOutput.javaMajor("java version \"1.8.0_392\"\nJava(TM) SE Runtime Environment")).hasValue(8);
        assertThat(ProbeOutput.javaMajor("openjdk version \"21\" 2023-09-19")).hasValue(21);
        assertThat(ProbeOutput.javaMajor("openjdk version \"25-ea\" 2025-09-16")).hasValue(25);
        assertThat(ProbeOutput.javaMajor("sh: 1: java: not found")).isEqualTo(OptionalInt.empty());
    }

    @Test
    void firstDiskIsTheMostSpecificExistingPath() {
        String df = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n"
                + "/dev/vda1         40470732 12043556  26341616      32% /\n";
        assertThat(ProbeOutput.firstDisk(df)).contains(new ProbeOutput.Disk(26341616L * 1024, "/"));
        assertThat(ProbeOutput.firstDisk("df: /opt/deployer: No such file or directory\n")).isEmpty();
    }

    @Test
    void listeningPortsOnAnyAddress() {
        String ss = "LISTEN 0      128          0.0.0.0:22        0.0.0.0:*\n"
                + "LISTEN 0      4096   127.0.0.1:8080      0.0.0.0:*\n"
                + "LISTEN 0      128             [::]:9090           [::]:*\n";
        assertThat(ProbeOutput.listens(ss, 22)).isTrue();
        assertThat(ProbeOutput.listens(ss, 8080)).isTrue();
        assertThat(ProbeOutput.listens(ss, 9090)).isTrue();
        assertThat(ProbeOutput.listens(ss, 80)).isFalse();
        assertThat(ProbeOutput.listens(ss, 2)).isFalse();
    }

    @Test
    void epochMillisAndSizes() {
        assertThat(ProbeOutput.epochMillis("1764079200123\n")).hasValue(1764079200123L);
        assertThat(ProbeOutput.epochMillis("+%s%3N")).isEmpty();
        assertThat(ProbeOutput.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
        assertThat(ProbeOutput.bytes(300L * 1024 * 1024)).isEqualTo("300 MiB");
    }
}
