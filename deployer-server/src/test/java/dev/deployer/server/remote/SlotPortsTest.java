package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotPortsTest {
    @Test
    void slotsListenTenAndTwentyThousandAboveTheAppPort() {
        SlotPorts ports = new SlotPorts(8080);
        assertThat(ports.port(Slot.A)).isEqualTo(18080);
        assertThat(ports.port(Slot.B)).isEqualTo(28080);
    }

    @Test
    void bothSlotPortsStayBelowLinuxEphemeralPortsAtTheHighestAllowedAppPort() {
        assertThat(SlotPorts.MAX_APP_PORT).isEqualTo(12767);
        assertThat(new SlotPorts(12767).port(Slot.B)).isEqualTo(32767);
        assertThat(new SlotPorts(1024).port(Slot.A)).isEqualTo(11024);
    }

    @Test
    void anAppPortWhoseSlotsWouldLandInTheEphemeralRangeIsRejectedWithTheWayOut() {
        assertThatThrownBy(() -> new SlotPorts(12768)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1024 and 12767").hasMessageContaining("strategy: restart");
        assertThatThrownBy(() -> new SlotPorts(1023)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slotsAreNamedAAndBAndEachHasTheOther() {
        assertThat(Slot.A.id()).isEqualTo("a");
        assertThat(Slot.B.other()).isEqualTo(Slot.A);
        assertThat(Slot.of("b")).isEqualTo(Slot.B);
        assertThatThrownBy(() -> Slot.of("B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Slot.of("c")).isInstanceOf(IllegalArgumentException.class);
    }
}
