package dev.deployer.server.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(10, lines::add);

    @Test
    void aLineSplitAcrossPiecesComesOutWholeAndEveryLineEndCounts() {
        splitter.accept("migra");
        splitter.accept("ting\r");
        splitter.accept("\nstep 1\rstep 2\n\nlast");
        assertThat(lines).containsExactly("migrating", "step 1", "step 2", "");
        splitter.finish();
        assertThat(lines).endsWith("last");
    }

    @Test
    void aLongLineIsCutAndSaysHowMuchWasLeftOutWithoutKeepingIt() {
        splitter.accept("x".repeat(25) + "\nok\n");
        assertThat(lines).containsExactly("x".repeat(10) + " … (15 more characters)", "ok");
    }
}
