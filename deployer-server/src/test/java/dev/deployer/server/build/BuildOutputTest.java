package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildOutputTest {
    @Test
    void pastTheLimitLinesAreHeldBackAndTheLastOnesFollowAtTheEnd() {
        BuildFixture.Lines follower = new BuildFixture.Lines();
        BuildOutput output = new BuildOutput(follower, "shop", 100);
        for (int i = 0; i < 200; i++) {
            output.accept(String.format("line %03d", i)); // 8 characters each: 12 fit in 100
        }
        output.finish();

        assertThat(follower.lines).startsWith("line 000", "line 001").contains("line 011").doesNotContain("line 012", "line 149");
        assertThat(follower.lines).filteredOn(l -> l.startsWith(BuildOutput.STEP)).containsExactly(
                BuildOutput.STEP + "the build's output passed 100 characters: further lines are held back; "
                        + "its last lines follow when it ends",
                BuildOutput.STEP + "138 lines of build output not shown; the last 50:");
        assertThat(follower.lines).hasSize(12 + 1 + 1 + 50).endsWith("line 198", "line 199")
                .element(12 + 2).isEqualTo("line 150");
        assertThat(output.lastLines()).hasSize(BuildOutput.TAIL_LINES).last().isEqualTo("line 199");
    }

    @Test
    void aBuildInsideTheLimitIsForwardedWholeAndFinishAddsNothing() {
        BuildFixture.Lines follower = new BuildFixture.Lines();
        BuildOutput output = new BuildOutput(follower, "shop", 1000);
        output.accept("compiling");
        output.accept("done");
        output.finish();
        assertThat(follower.lines).containsExactly("compiling", "done");
    }
}
