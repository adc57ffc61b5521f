package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppProcesses;
import dev.deployer.server.remote.PsCommands;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PsReaderTest {
    private static String block(String id, String load, String active, String sub, String... more) {
        return "Id=" + id + "\nLoadState=" + load + "\nActiveState=" + active + "\nSubState=" + sub
                + "\nActiveEnterTimestamp=Tue 2026-12-01 13:40:00 UTC\n" + String.join("\n", more) + (more.length == 0 ? "" : "\n") + "\n";
    }

    private static final String OUT = block("deployer-shop.service", "loaded", "active", "running")
            + block("deployer-shop@a.service", "not-found", "inactive", "dead")
            + block("deployer-shop@b.service", "not-found", "inactive", "dead")
            + block("deployer-shop-worker@2.service", "loaded", "active", "running")
            + block("deployer-shop-worker@1.service", "loaded", "failed", "failed")
            // app shop-admin's instance, caught by the glob: never shown as shop's
            + block("deployer-shop-admin-worker@1.service", "loaded", "active", "running")
            + block("deployer-shop@cron-1.service", "loaded", "inactive", "dead", "Result=exit-code", "ExecMainStatus=3",
                    "ExecMainExitTimestamp=Tue 2026-12-01 14:00:01 UTC")
            + block("deployer-shop@cron-1.timer", "loaded", "active", "waiting", "NextElapseUSecRealtime=Tue 2026-12-01 15:00:00 UTC")
            + block("deployer-shop@cron-2.service", "loaded", "inactive", "dead", "Result=success", "ExecMainStatus=0",
                    "ExecMainExitTimestamp=")
            + "current releases/v7\nslot-a releases/v6\n";

    @Test
    void showsWebThenEachTypeByNumberThenCronAndNeverAnotherAppsUnits() {
        List<AppProcesses.Process> rows = PsReader.rows("shop", PsCommands.parse(OUT), Map.of(1, "0 * * * *"));
        assertThat(rows).extracting(p -> p.type() + "." + p.instance() + " " + p.activeState() + " v" + p.version())
                .containsExactly("web.1 active v7", "worker.1 failed v7", "worker.2 active v7", "cron.1 inactive v7", "cron.2 inactive v7");
        AppProcesses.CronRun ran = rows.get(3).cron();
        assertThat(ran.schedule()).isEqualTo("0 * * * *");
        assertThat(ran.result()).isEqualTo("exit-code");
        assertThat(ran.exitStatus()).isEqualTo(3);
        assertThat(ran.lastExit()).hasToString("2026-12-01T14:00:01Z");
        assertThat(ran.nextRun()).hasToString("2026-12-01T15:00:00Z");
        assertThat(rows.get(4).cron().result()).as("never ran: no result").isNull();
        assertThat(rows.get(4).cron().exitStatus()).isNull();
    }

    @Test
    void aZeroDowntimeHostShowsTheLiveSlotAndAnActiveStandbyWithTheirOwnReleases() {
        String out = block("deployer-shop@a.service", "loaded", "active", "running")
                + block("deployer-shop@b.service", "loaded", "active", "running")
                + "slot-a releases/v6\nslot-b releases/v7\ncurrent releases/v7\n"
                + "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status\n";
        PsCommands.HostProcesses read = PsCommands.parse(out);
        assertThat(read.proxyAnswered()).isTrue();
        List<AppProcesses.Process> rows = PsReader.rows("shop", read, Map.of());
        assertThat(rows).extracting(p -> p.instance() + " v" + p.version()).containsExactly("a v6", "b v7");
    }
}
