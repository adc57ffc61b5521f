package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JournalCommandsTest {
    private static final String BASE = "'journalctl' '--unit=deployer-shop.service' '--unit=deployer-shop@a.service' '--unit=deployer-shop@b.service' '--unit=deployer-shop-*@[0-9]*.service' '--unit=deployer-shop@cron-[0-9]*.service' '--output=json' "
            + "'--output-fields=MESSAGE,PRIORITY,_SYSTEMD_UNIT' '--all' '--no-pager' '--quiet'";

    @Test
    void readTakesTheLastLinesOfTheAppUnit() {
        assertThat(JournalCommands.read("shop", 100, null).render()).isEqualTo(BASE + " '--lines=100'");
    }

    @Test
    void readSinceUsesTheZoneFreeEpochForm() {
        Instant since = Instant.parse("2026-11-25T14:00:00.123456789Z");
        assertThat(JournalCommands.read("shop", 5, since).render())
                .isEqualTo(BASE + " '--lines=5' '--since=@1795615200.123456'");
        assertThat(JournalCommands.epoch(Instant.ofEpochSecond(7))).isEqualTo("@7.000000");
    }

    @Test
    void followContinuesAfterACursorWithoutTheDefaultTail() {
        String cursor = "s=1c26c1fe3a7b453abd14333c8e6d2519;i=a3;b=5061486db3a04b50bf4c3c1bc2019f17;m=68dd4599;t=6611a86914279;x=8a1b16c8b2f69101";
        assertThat(JournalCommands.follow("shop", cursor, Instant.EPOCH).render())
                .isEqualTo(BASE + " '--follow' '--no-tail' '--after-cursor=" + cursor + "'");
    }

    @Test
    void followWithoutACursorStartsAtATime() {
        assertThat(JournalCommands.follow("shop", null, Instant.ofEpochSecond(1_795_615_200)).render())
                .isEqualTo(BASE + " '--follow' '--no-tail' '--since=@1795615200.000000'");
    }

    @Test
    void runsPrivilegedForANonRootUser() {
        assertThat(JournalCommands.read("shop", 1, null).privileged(false).render()).startsWith("'sudo' '-n' 'journalctl' ");
        assertThat(JournalCommands.read("shop", 1, null).privileged(true).render()).startsWith("'journalctl' ");
    }

    @Test
    void rejectsWhatCannotBeAnAppACursorOrALineCount() {
        assertThatThrownBy(() -> JournalCommands.read("Shop;reboot", 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommands.read("shop", -1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommands.read("shop", 10_001, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommands.follow("shop", "s=1' --file=/etc/shadow", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommands.follow("shop", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommands.read("shop", 1, Instant.ofEpochSecond(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneTypeReadsOnlyThatTypesUnitsNamingTheFirstSoAHostWithoutThemIsNoFailure() {
        String tail = " '--output=json' '--output-fields=MESSAGE,PRIORITY,_SYSTEMD_UNIT' '--all' '--no-pager' '--quiet' '--lines=5'";
        assertThat(JournalCommands.read("shop", 5, null, "cron").render())
                .isEqualTo("'journalctl' '--unit=deployer-shop@cron-1.service' '--unit=deployer-shop@cron-[0-9]*.service'" + tail);
        assertThat(JournalCommands.read("shop", 5, null, "worker").render())
                .isEqualTo("'journalctl' '--unit=deployer-shop-worker@1.service' '--unit=deployer-shop-worker@[0-9]*.service'" + tail);
        assertThat(JournalCommands.read("shop", 5, null, "web").render()).isEqualTo("'journalctl' '--unit=deployer-shop.service' "
                + "'--unit=deployer-shop@a.service' '--unit=deployer-shop@b.service'" + tail);
    }

    @Test
    void eachOfTheAppsUnitsHasItsType() {
        assertThat(ProcessCommands.typeOf("shop", "deployer-shop@a.service")).contains("web");
        assertThat(ProcessCommands.typeOf("shop", "deployer-shop.service")).contains("web");
        assertThat(ProcessCommands.typeOf("shop", "deployer-shop-worker@2.service")).contains("worker");
        assertThat(ProcessCommands.typeOf("shop", "deployer-shop@cron-3.service")).contains("cron");
        assertThat(ProcessCommands.typeOf("shop", "deployer-shop@cron-3.timer")).isEmpty();
        assertThat(ProcessCommands.typeOf("shop", "deployer-shop-admin-worker@1.service")).isEmpty();
        assertThat(ProcessCommands.typeOf("shop", "deployer-shop@proxy.service")).isEmpty();
    }
}
