package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProxyStatsTest {
    /** Captured from haproxy 2.6.12 (Debian bookworm) on a test host: a live, b draining, no health checks. */
    private static String capturedShowStat() throws IOException {
        try (InputStream in = ProxyStatsTest.class.getResourceAsStream("show-stat-haproxy-2.6.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String HEADER = "# pxname,svname,qcur,qmax,scur,smax,status,\n";

    @Test
    void readsEachSlotsStateAndSessionsFromRealHaproxyOutput() throws IOException {
        ProxyStats stats = ProxyStats.parse(capturedShowStat());
        assertThat(stats.server(Slot.A)).hasValue(new ProxyStats.Server(Slot.A, ProxyStats.State.READY, "no check", 0));
        assertThat(stats.server(Slot.B)).hasValue(new ProxyStats.Server(Slot.B, ProxyStats.State.DRAIN, "DRAIN", 0));
        assertThat(stats.live()).hasValue(Slot.A);
    }

    @Test
    void columnsAreFoundByNameAndOtherProxiesAreIgnored() {
        ProxyStats stats = ProxyStats.parse(HEADER
                + "shop,FRONTEND,,,7,9,OPEN,\n"
                + "slots,a,0,0,3,5,DRAIN,\n"
                + "slots,b,0,0,4,4,no check,\n"
                + "slots,BACKEND,0,0,7,9,UP,\n");
        assertThat(stats.servers()).containsOnlyKeys(Slot.A, Slot.B);
        assertThat(stats.server(Slot.A).orElseThrow().sessions()).isEqualTo(3);
        assertThat(stats.live()).hasValue(Slot.B);
    }

    @Test
    void noLiveSlotWhenBothOrNeitherAreReady() {
        assertThat(ProxyStats.parse(HEADER + "slots,a,0,0,0,0,MAINT,\nslots,b,0,0,0,0,MAINT,\n").live()).isEmpty();
        assertThat(ProxyStats.parse(HEADER + "slots,a,0,0,0,0,no check,\nslots,b,0,0,0,0,UP,\n").live()).isEmpty();
    }

    @Test
    void somethingThatIsNotShowStatIsRejected() {
        assertThatThrownBy(() -> ProxyStats.parse("Unknown command.\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown command.");
        assertThatThrownBy(() -> ProxyStats.parse("# pxname,svname,status,\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scur");
        assertThatThrownBy(() -> ProxyStats.parse(HEADER + "slots,a,0,0,x,0,MAINT,\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDrainEndsWhenTheSlotHasNoSessionsOrAtItsTimeout() {
        DrainWait wait = new DrainWait(Slot.A, 1_000, Duration.ofSeconds(30));
        ProxyStats busy = ProxyStats.parse(HEADER + "slots,a,0,0,2,2,DRAIN,\nslots,b,0,0,0,0,no check,\n");
        ProxyStats idle = ProxyStats.parse(HEADER + "slots,a,0,0,0,2,DRAIN,\nslots,b,0,0,5,5,no check,\n");
        assertThat(wait.after(busy, 1_000 + 29_999)).isEqualTo(DrainWait.Outcome.WAITING);
        assertThat(wait.after(busy, 1_000 + 30_000)).isEqualTo(DrainWait.Outcome.TIMED_OUT);
        assertThat(wait.after(idle, 1_000 + 5)).isEqualTo(DrainWait.Outcome.DRAINED);
        assertThat(wait.after(idle, 1_000 + 60_000)).isEqualTo(DrainWait.Outcome.DRAINED);
    }

    @Test
    void aDrainOfAServerTheProxyDoesNotKnowFailsLoudly() {
        DrainWait wait = new DrainWait(Slot.B, 0, Duration.ofSeconds(30));
        ProxyStats onlyA = ProxyStats.parse(HEADER + "slots,a,0,0,0,0,no check,\n");
        assertThatThrownBy(() -> wait.after(onlyA, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("slots/b");
    }
}
