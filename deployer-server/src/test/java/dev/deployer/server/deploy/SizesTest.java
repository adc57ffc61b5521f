package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void byteCountsAreSaidInTheLargestBinaryUnitWithAtMostOneDecimal() {
        assertThat(Sizes.bytes(982)).isEqualTo("982 bytes");
        assertThat(Sizes.bytes(18 * 1024 + 300)).isEqualTo("18 KiB");
        assertThat(Sizes.bytes(2 * 1024 * 1024 + 5000)).isEqualTo("2.0 MiB");
        assertThat(Sizes.bytes(67_143_000)).isEqualTo("64 MiB");
        assertThat(Sizes.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
    }

    @Test
    void sharesHaveTwoDecimalsBelowTenPercent() {
        assertThat(Sizes.share(18_000, 69_000_000)).isEqualTo("0.03 %");
        assertThat(Sizes.share(40, 100)).isEqualTo("40 %");
        assertThat(Sizes.share(1, 0)).isEqualTo("0.00 %");
    }
}
