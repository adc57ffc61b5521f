package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlotCommandsTest {
    @Test
    void aSlotsLinkIsSwitchedAtomically() {
        assertThat(SlotCommands.pointSlot("shop", Slot.B, 7, "abc123").render()).isEqualTo(
                "'rm' '-f' '--' '/opt/deployer/shop/slot-b.deployer-tmp-abc123' && "
                        + "'ln' '-s' '-T' '--' 'releases/v7' '/opt/deployer/shop/slot-b.deployer-tmp-abc123' && "
                        + "'mv' '-f' '-T' '--' '/opt/deployer/shop/slot-b.deployer-tmp-abc123' '/opt/deployer/shop/slot-b'");
    }

    @Test
    void theHostStopsTheStandbyItselfAtTheEndOfItsWindowInUtc() {
        assertThat(SlotCommands.stopStandbyAt("shop", Slot.A, Instant.parse("2026-12-01T13:40:09.750Z")).render()).isEqualTo(
                "'systemd-run' '--unit=deployer-shop@standby' '--description=deployer: end the warm standby of shop (slot a)' "
                        + "'--on-calendar=2026-12-01 13:40:09 UTC' '--timer-property=AccuracySec=1s' '--collect' '--quiet' "
                        + "'--' '/usr/bin/systemctl' 'stop' '--' 'deployer-shop@a.service'");
        assertThat(SlotCommands.cancelStandbyStop("shop").render()).isEqualTo("'systemctl' 'stop' '--' 'deployer-shop@standby.timer'");
    }

    @Test
    void bothSlotsAndTheTimerAreReadInOneRoundTrip() {
        assertThat(SlotCommands.readSlots("shop").steps()).hasSize(2);
        assertThat(SlotCommands.readSlots("shop").render()).contains("'deployer-shop@a.service' 'deployer-shop@b.service' "
                + "'deployer-shop@standby.timer'").contains("'slot-?'");
    }
}
