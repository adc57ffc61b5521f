package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnitDiffTest {
    private static final String BEFORE = "[Unit]\nDescription=x\n\n[Service]\nUser=shop\nExecStart=/usr/bin/java -Xmx64m -jar app.jar\nRestart=on-failure\nRestartSec=5\n";

    @Test
    void anUnchangedUnitHasNoDiff() {
        assertThat(UnitDiff.of("/etc/systemd/system/u.service", BEFORE, BEFORE)).isEmpty();
    }

    @Test
    void aChangedLineShowsAsRemovedAndAddedWithOneLineOfContext() {
        String after = BEFORE.replace("-Xmx64m", "-Xmx128m");

        assertThat(UnitDiff.of("/etc/systemd/system/u.service", BEFORE, after)).containsExactly(
                "--- /etc/systemd/system/u.service",
                "+++ /etc/systemd/system/u.service (new)",
                " User=shop",
                "-ExecStart=/usr/bin/java -Xmx64m -jar app.jar",
                "+ExecStart=/usr/bin/java -Xmx128m -jar app.jar",
                " Restart=on-failure");
    }

    @Test
    void aUnitNotOnTheHostYetIsAllAdded() {
        assertThat(UnitDiff.of("/u", "", "a\nb\n")).containsExactly("--- /u (none yet)", "+++ /u (new)", "+a", "+b");
    }

    @Test
    void aLongDiffIsCutAndSaysHowMuchWasLeftOut() {
        String after = IntStream.range(0, 200).mapToObj(i -> "Line" + i).collect(Collectors.joining("\n"));

        var diff = UnitDiff.of("/u", "", after);

        assertThat(diff).hasSize(UnitDiff.MAX_LINES + 1);
        assertThat(diff.get(diff.size() - 1)).isEqualTo("... " + (202 - UnitDiff.MAX_LINES) + " more line(s)");
    }
}
