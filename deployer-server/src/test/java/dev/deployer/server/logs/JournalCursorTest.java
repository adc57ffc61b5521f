package dev.deployer.server.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JournalCursorTest {
    private static final String A = "s=739ad463348b4ceca5a9e69c95a3c93d;i=4ece7;b=6c7c6013a8dc4c9a8a7ac2ab4a6f1d21;m=139a1a0bd;t=5ec0b5df0f8b7;x=8ba43ce3a9ea1fa";
    private static final String B = "s=739ad463348b4ceca5a9e69c95a3c93d;i=4ece8;b=6c7c6013a8dc4c9a8a7ac2ab4a6f1d21;m=139a1a0be;t=5ec0b5df0f8b0;x=1";
    private static final String OTHER_ID = "s=0000000000000000000000000000000a;i=1;b=6c7c6013a8dc4c9a8a7ac2ab4a6f1d21;m=1;t=5ec0b5df0f8b8;x=2";

    @Test
    void entriesOfOneJournalAreOrderedBySequenceNumberEvenWhenTheClockWentBack() {
        assertThat(JournalCursor.isAfter(B, A)).isTrue();
        assertThat(JournalCursor.isAfter(A, B)).isFalse();
        assertThat(JournalCursor.isAfter(A, A)).isFalse();
        assertThat(JournalCursor.earlier(B, A)).isEqualTo(A);
    }

    @Test
    void aJournalStartedAfreshIsOrderedByWallClockTime() {
        assertThat(JournalCursor.isAfter(OTHER_ID, A)).isTrue();
        assertThat(JournalCursor.isAfter(A, OTHER_ID)).isFalse();
    }

    @Test
    void anUnreadableCursorCountsAsAfterSoNothingIsLost() {
        assertThat(JournalCursor.isAfter("garbage", A)).isTrue();
        assertThat(JournalCursor.isAfter(A, "s=x;i=zz;t=1")).isTrue();
        assertThat(JournalCursor.isAfter(null, A)).isTrue();
        assertThat(JournalCursor.earlier("garbage", A)).isEqualTo(A);
    }
}
