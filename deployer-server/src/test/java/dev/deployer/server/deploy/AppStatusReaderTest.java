package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppStatusReaderTest {
    @Test
    void systemdTimestampsAreRead() {
        assertThat(AppStatusReader.parseTime("Wed 2026-11-25 14:02:38 UTC")).isEqualTo(Instant.parse("2026-11-25T14:02:38Z"));
    }

    @Test
    void emptyOrOddTimestampsAreUnknown() {
        assertThat(AppStatusReader.parseTime("")).isNull();
        assertThat(AppStatusReader.parseTime("n/a")).isNull();
    }
}
