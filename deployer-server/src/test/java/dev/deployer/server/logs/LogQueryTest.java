package dev.deployer.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogQueryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void defaultsToTheLastHundredLinesOfAllHosts() {
        assertThat(LogQuery.of(null, null, null, CLOCK)).isEqualTo(new LogQuery(100, null, null));
        assertThat(LogQuery.of(5, " ", "", CLOCK)).isEqualTo(new LogQuery(5, null, null));
    }

    @Test
    void sinceIsAnInstantOrATimeAgo() {
        assertThat(LogQuery.of(1, "th2", "2026-11-25T11:00:00.5Z", CLOCK).since()).isEqualTo(Instant.parse("2026-11-25T11:00:00.5Z"));
        assertThat(LogQuery.of(1, null, "90s", CLOCK).since()).isEqualTo(Instant.parse("2026-11-25T11:58:30Z"));
        assertThat(LogQuery.of(1, null, "15m", CLOCK).since()).isEqualTo(Instant.parse("2026-11-25T11:45:00Z"));
        assertThat(LogQuery.of(1, null, "2h", CLOCK).since()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(LogQuery.of(1, null, "7d", CLOCK).since()).isEqualTo(Instant.parse("2026-11-18T12:00:00Z"));
    }

    @Test
    void anythingElseIsRejectedWithWhatIsAllowed() {
        for (String bad : new String[] {"yesterday", "-1h", "1w", "0s", "2026-11-25 11:00:00", "@1700000000", "1h; reboot"}) {
            assertThatThrownBy(() -> LogQuery.of(1, null, bad, CLOCK)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO-8601");
        }
        assertThatThrownBy(() -> LogQuery.of(1, null, "1960-01-01T00:00:00Z", CLOCK)).hasMessageContaining("1970");
    }

    @Test
    void lineCountAndHostNameAreChecked() {
        assertThatThrownBy(() -> LogQuery.of(-1, null, null, CLOCK)).hasMessageContaining("lines must be 0..10000");
        assertThatThrownBy(() -> LogQuery.of(10_001, null, null, CLOCK)).hasMessageContaining("lines must be 0..10000");
        assertThatThrownBy(() -> LogQuery.of(1, "TH1;ls", null, CLOCK)).hasMessageContaining("host name");
    }
}
