package dev.deployer.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredTextTest {
    @Test
    void textThatFitsIsUnchanged() {
        assertThat(StoredText.fit("short", 5)).isEqualTo("short");
        assertThat(StoredText.fit(null, 5)).isNull();
    }

    @Test
    void longTextKeepsItsHeadAndSaysHowMuchWasCut() {
        String cut = StoredText.fit("a".repeat(100), 40);
        assertThat(cut).hasSize(40).isEqualTo("a".repeat(18) + "… (82 more characters)");
    }

    @Test
    void tailKeepsTheEndAndSaysHowMuchCameBefore() {
        String cut = StoredText.tail("a".repeat(50) + "END", 40);
        assertThat(cut).hasSizeLessThanOrEqualTo(40).endsWith("END").startsWith("(");
        assertThat(cut).isEqualTo("(" + (53 - (cut.length() - cut.indexOf('…') - 1)) + " earlier characters) …"
                + cut.substring(cut.indexOf('…') + 1));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String cut = StoredText.fit("😀".repeat(50), 40);
        assertThat(cut.length()).isLessThanOrEqualTo(40);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf('…') - 1))).isFalse();
    }
}
