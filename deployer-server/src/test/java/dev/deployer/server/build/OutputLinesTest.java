package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputLinesTest {
    @Test
    void splitsOnNewlinesCarriageReturnsAndCrLfLikeReadLine() throws IOException {
        assertThat(lines("a\nb\r\nc\rd", 100)).containsExactly("a", "b", "c", "d");
        assertThat(lines("a\n\nb\n", 100)).containsExactly("a", "", "b");
    }

    @Test
    void aLongLineIsCutWithHowMuchWasLeftOut() throws IOException {
        assertThat(lines("x".repeat(10) + "\nshort\n", 5)).containsExactly("xxxxx … (5 more characters)", "short");
    }

    @Test
    void anEndlessLineCostsOneLineOfMemory() throws IOException {
        long size = 200L * 1024 * 1024; // 200 MiB of 'x', never held at once
        Reader endless = new Reader() {
            long left = size;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, 'x');
                left -= n;
                return n;
            }

            @Override
            public void close() {}
        };
        List<String> out = new ArrayList<>();
        OutputLines.read(endless, 4096, out::add);
        assertThat(out).singleElement().asString()
                .isEqualTo("x".repeat(4096) + " … (" + (size - 4096) + " more characters)");
    }

    private static List<String> lines(String text, int max) throws IOException {
        List<String> out = new ArrayList<>();
        OutputLines.read(new StringReader(text), max, out::add);
        return out;
    }
}
