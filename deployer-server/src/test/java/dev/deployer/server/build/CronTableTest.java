package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTableTest {
    @Test
    void readsDokkusFormatSplittingEachCommandLikeAProcfileAndIgnoringOtherKeys() {
        CronTable table = CronTable.parse("{\"scripts\": {\"dokku\": {}}, \"cron\": [{\"command\": \"sh -c 'echo cron-ran'\", "
                + "\"schedule\": \"0  3 * * *\"}, {\"command\": \"java -cp app.jar Tick\", \"schedule\": \"*/15 * * * *\", \"host\": \"th2\"}]}");
        assertThat(table.entries()).extracting(CronTable.Entry::number).containsExactly(1, 2);
        assertThat(table.entries().get(0).words()).containsExactly("sh", "-c", "echo cron-ran");
        assertThat(table.entries().get(0).schedule()).isEqualTo("0 3 * * *");
        assertThat(table.entries().get(1).host()).isEqualTo("th2");
        assertThat(CronTable.parse(table.text())).isEqualTo(table);
        assertThat(CronTable.parse("{}")).isEqualTo(CronTable.NONE);
        assertThat(CronTable.NONE.text()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 3 * * *\"}, {\"command\": \"true\", \"schedule\": \"61 * * * *\"}]}"
                    + "|app.json cron[1]: schedule '61 * * * *': Value 61 not in range [0, 59]",
            "{\"cron\": [|app.json is not valid JSON",
            "[1]|app.json must be a JSON object",
            "{\"cron\": {}}|app.json cron must be a list",
            "{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 3 * * *\", \"schedul\": \"x\"}]}|app.json cron[0]: unknown key 'schedul'",
            "{\"cron\": [{\"command\": \"true\"}]}|app.json cron[0]: 'schedule' must be a string",
            "{\"cron\": [{\"command\": 3, \"schedule\": \"0 3 * * *\"}]}|app.json cron[0]: 'command' must be a string",
            "{\"cron\": [{\"command\": \"  \", \"schedule\": \"0 3 * * *\"}]}|app.json cron[0]: the command is empty",
            "{\"cron\": [{\"command\": \"sh -c 'x\", \"schedule\": \"0 3 * * *\"}]}|app.json cron[0]: the command has an unclosed quote",
            "{\"cron\": [{\"command\": \"a\\nExecStartPre=/bin/evil\", \"schedule\": \"0 3 * * *\"}]}|app.json cron[0]: the command holds a control character (code 10)",
            "{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 3 * * *\\nOnCalendar=minutely\"}]}|app.json cron[0]: schedule",
            "{\"cron\": [{\"command\": \"true\", \"schedule\": \"@daily\"}]}|app.json cron[0]: schedule '@daily': a schedule is 5 fields",
            "{\"cron\": [{\"command\": \"true\", \"schedule\": \"* * * *\"}]}|app.json cron[0]: schedule '* * * *': a schedule has 5 fields",
            "{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 0 1 * MON\"}]}|app.json cron[0]: schedule '0 0 1 * MON': it restricts both the day of month and the day of week",
            "{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 3 * * *\", \"host\": \"../x\"}]}|app.json cron[0]: host '../x' is not a host name",
            "{\"cron\": [{\"command\": \"true\", \"command\": \"false\", \"schedule\": \"0 3 * * *\"}]}|app.json is not valid JSON: Duplicate field 'command'",
    })
    void aBadEntryIsRefusedWithItsIndexAndTheReason(String json, String message) {
        assertThatThrownBy(() -> CronTable.parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void atMostTwentyEntries() {
        String entry = "{\"command\": \"true\", \"schedule\": \"0 3 * * *\"}";
        assertThat(CronTable.parse("{\"cron\": [" + String.join(",", java.util.Collections.nCopies(20, entry)) + "]}").entries()).hasSize(20);
        assertThatThrownBy(() -> CronTable.parse("{\"cron\": [" + String.join(",", java.util.Collections.nCopies(21, entry)) + "]}"))
                .hasMessage("app.json cron has 21 entries; at most 20");
    }

    @Test
    void anEntrysHostMustBeOneOfTheApps() {
        CronTable table = CronTable.parse("{\"cron\": [{\"command\": \"true\", \"schedule\": \"0 3 * * *\", \"host\": \"th9\"}]}");
        assertThatThrownBy(() -> table.checkHosts(List.of("th1", "th2")))
                .hasMessage("app.json cron[0]: host 'th9' is not one of the app's hosts (th1, th2)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 3 * * *|*-*-* 3:0:00",
            "* * * * *|*-*-* *:*:00",
            "*/15 * * * *|*-*-* *:0/15:00",
            "5/10 * * * *|*-*-* *:5/10:00",
            "1-30/5 2,4 * JAN-MAR *|*-1..3-* 2,4:1..30/5:00",
            "0 0 */2 * *|*-*-1/2 0:0:00",
            "30 6 * * 1-5|Mon,Tue,Wed,Thu,Fri *-*-* 6:30:00",
            "0 0 * * 7|Sun *-*-* 0:0:00",
            "0 0 * * 5-7|Fri,Sat,Sun *-*-* 0:0:00",
            "0 0 * * */2|Tue,Thu,Sat,Sun *-*-* 0:0:00",
            "0 12 1,15 * *|*-*-1,15 12:0:00",
    })
    void aCronScheduleBecomesTheSystemdCalendarOfTheSameTimes(String schedule, String calendar) {
        assertThat(CronCalendar.of(schedule)).isEqualTo(calendar);
    }

    @Test
    void systemdReadsEveryTranslatedCalendar() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is on the test hosts (Debian 12, systemd 252): run this there");
        List<String> command = new ArrayList<>(List.of(analyze.toString(), "calendar"));
        for (String schedule : List.of("0 3 * * *", "* * * * *", "*/15 * * * *", "5/10 * * * *", "1-30/5 2,4 * JAN-MAR *", "0 0 */2 * *",
                "30 6 * * 1-5", "0 0 * * 7", "0 0 * * 5-7", "0 0 * * */2", "0 12 1,15 * *", "0 0 31 2 *")) {
            command.add(CronCalendar.of(schedule));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        assertThat(out).contains("Normalized form: *-*-* 03:00:00", "Normalized form: Mon..Fri *-*-* 06:30:00",
                "Normalized form: *-*-* *:00/15:00", "Normalized form: *-01..03-* 02,04:01..26/5:00");
    }
}
