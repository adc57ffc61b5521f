package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlotStateTest {
    /** What readSlots prints on a host with slot b live (v4), slot a warm (v3) and the standby timer armed. */
    private static final String WARM = """
            Id=deployer-shop@a.service
            ActiveState=active
            ActiveEnterTimestamp=Tue 2026-12-01 13:20:00 UTC
            MainPID=4242

            Id=deployer-shop@b.service
            ActiveState=active
            ActiveEnterTimestamp=Tue 2026-12-01 13:30:05 UTC
            MainPID=5151

            Id=deployer-shop@standby.timer
            ActiveState=active
            ActiveEnterTimestamp=Tue 2026-12-01 13:30:09 UTC
            NextElapseUSecRealtime=Tue 2026-12-01 13:40:09 UTC
            slot-a releases/v3
            slot-b releases/v4
            """;

    @Test
    void readsBothSlotsTheirReleasesAndWhenTheStandbyEnds() {
        SlotState state = SlotState.parse("shop", WARM);

        assertThat(state.slot(Slot.A)).isEqualTo(new SlotState.Instance(Slot.A, "active",
                Instant.parse("2026-12-01T13:20:00Z"), "4242", 3));
        assertThat(state.slot(Slot.B).version()).isEqualTo(4);
        assertThat(state.standbyEnds()).contains(Instant.parse("2026-12-01T13:40:09Z"));
    }

    @Test
    void aHostWithoutSlotsHasNeitherReleasesNorStandby() {
        SlotState state = SlotState.parse("shop", """
                Id=deployer-shop@a.service
                ActiveState=inactive
                ActiveEnterTimestamp=
                MainPID=0

                Id=deployer-shop@b.service
                ActiveState=inactive
                MainPID=0

                Id=deployer-shop@standby.timer
                ActiveState=inactive
                NextElapseUSecRealtime=
                """);

        assertThat(state.slot(Slot.A).active()).isFalse();
        assertThat(state.slot(Slot.A).version()).isNull();
        assertThat(state.standbyEnds()).isEmpty();
    }

    @Test
    void aLinkThatIsNotAReleaseIsNotTakenForOne() {
        assertThat(SlotState.parse("shop", "slot-a ../../etc\nslot-b releases/v0\n").slot(Slot.A).version()).isNull();
        assertThat(SlotState.parse("shop", "slot-b releases/v0\n").slot(Slot.B).version()).isNull();
    }
}
