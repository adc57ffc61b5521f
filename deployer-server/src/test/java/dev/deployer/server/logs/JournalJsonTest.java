package dev.deployer.server.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalJsonTest {
    private static final String CURSOR = "s=1c26c1fe3a7b453abd14333c8e6d2519;i=a3;b=5061486db3a04b50bf4c3c1bc2019f17;m=68dd4599;t=6611a86914279;x=8a1b16c8b2f69101";

    @Test
    void readsTimePriorityMessageAndCursor() {
        JournalEntry entry = JournalJson.parse("{\"PRIORITY\":\"3\",\"__REALTIME_TIMESTAMP\":\"1795616414974585\","
                + "\"_BOOT_ID\":\"5061486db3a04b50bf4c3c1bc2019f17\",\"MESSAGE\":\"line 2\",\"__CURSOR\":\"" + CURSOR + "\","
                + "\"__MONOTONIC_TIMESTAMP\":\"1759331737\"}").orElseThrow();
        assertThat(entry).isEqualTo(new JournalEntry(Instant.parse("2026-11-25T14:20:14.974585Z"), 3, "line 2", CURSOR));
    }

    @Test
    void anEntryOfAnotherAppsUnitThatTheGlobCaughtIsNotThisAppsLine() {
        String line = "{\"__REALTIME_TIMESTAMP\":\"5\",\"MESSAGE\":\"tick\",\"_SYSTEMD_UNIT\":\"%s\"}";
        for (String own : new String[] {"deployer-shop.service", "deployer-shop@a.service", "deployer-shop-worker@2.service"}) {
            assertThat(JournalJson.parse(line.formatted(own)).orElseThrow().of("shop")).as(own).isTrue();
        }
        for (String other : new String[] {"deployer-shop-admin-worker@1.service", "deployer-shop-admin@a.service", "sshd.service"}) {
            assertThat(JournalJson.parse(line.formatted(other)).orElseThrow().of("shop")).as(other).isFalse();
        }
        assertThat(JournalJson.parse("{\"__REALTIME_TIMESTAMP\":\"5\"}").orElseThrow().of("shop")).as("no unit named").isTrue();
    }

    @Test
    void messageWithBytesThatAreNotUtf8IsAnArrayOfNumbers() {
        JournalEntry entry = JournalJson.parse("{\"PRIORITY\":\"4\",\"MESSAGE\":[98,97,100,32,255,32,98,121,116,101],"
                + "\"__REALTIME_TIMESTAMP\":\"1795616450955510\",\"__CURSOR\":\"c\"}").orElseThrow();
        assertThat(entry.message()).isEqualTo("bad \uFFFD byte");
        assertThat(entry.priority()).isEqualTo(4);
    }

    @Test
    void messageBytesThatAreUtf8DecodeToText() {
        // "grüß" with a control character: journald sends it as bytes because of the ESC
        JournalEntry entry = JournalJson.parse("{\"MESSAGE\":[27,91,48,109,103,114,195,188,195,159],"
                + "\"__REALTIME_TIMESTAMP\":\"1\"}").orElseThrow();
        assertThat(entry.message()).isEqualTo("\u001b[0mgrüß");
    }

    @Test
    void nullOrMissingMessageIsEmptyAndMissingPriorityIsInfo() {
        assertThat(JournalJson.parse("{\"MESSAGE\":null,\"__REALTIME_TIMESTAMP\":\"5\"}").orElseThrow())
                .isEqualTo(new JournalEntry(Instant.ofEpochSecond(0, 5000), 6, "", null));
        assertThat(JournalJson.parse("{\"__REALTIME_TIMESTAMP\":\"5\",\"PRIORITY\":\"9\"}").orElseThrow().priority())
                .isEqualTo(6);
    }

    @Test
    void aFieldSetTwiceIsAnArrayOfValuesJoinedByLines() {
        JournalEntry entry = JournalJson.parse("{\"MESSAGE\":[\"first\",[115,101,99,111,110,100]],"
                + "\"PRIORITY\":[\"2\",\"5\"],\"__REALTIME_TIMESTAMP\":\"1000000\"}").orElseThrow();
        assertThat(entry.message()).isEqualTo("first\nsecond");
        assertThat(entry.priority()).isEqualTo(6); // two priorities: none to trust
    }

    @Test
    void escapedTextStaysExact() {
        JournalEntry entry = JournalJson.parse("{\"MESSAGE\":\"tab\\there \\\"quoted\\\" \\u00e9 \\ud83d\\ude00 \\\\\","
                + "\"__REALTIME_TIMESTAMP\":\"1\"}").orElseThrow();
        assertThat(entry.message()).isEqualTo("tab\there \"quoted\" é 😀 \\");
    }

    @Test
    void longMessagesAreCutAndSaySo() {
        String huge = "x".repeat(JournalJson.MAX_MESSAGE_CHARS + 10);
        String message = JournalJson.parse("{\"MESSAGE\":\"" + huge + "\",\"__REALTIME_TIMESTAMP\":\"1\"}").orElseThrow().message();
        assertThat(message).startsWith("xxx").endsWith("… [10 more characters cut]");
        assertThat(message.length()).isLessThan(JournalJson.MAX_MESSAGE_CHARS + 40);
    }

    @Test
    void linesThatAreNotEntriesAreNotParsed() {
        assertThat(JournalJson.parse("sudo: a password is required")).isEmpty();
        assertThat(JournalJson.parse("{\"MESSAGE\":\"no time\"}")).isEmpty();
        assertThat(JournalJson.parse("{\"MESSAGE\":\"cut off")).isEmpty();
        assertThat(JournalJson.parse("{\"__REALTIME_TIMESTAMP\":\"soon\"}")).isEmpty();
        assertThat(JournalJson.parse("")).isEmpty();
        assertThat(JournalJson.parse(null)).isEmpty();
    }
}
