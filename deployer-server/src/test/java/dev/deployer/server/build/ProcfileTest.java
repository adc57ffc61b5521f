package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcfileTest {
    @Test
    void typesAndTheirCommandsAsWordsInFileOrderIgnoringCommentsAndBlankLines() {
        Procfile procfile = Procfile.parse("""
                # processes
                web: java -Dport=$PORT -jar app.jar

                worker:   sh -c 'while true; do echo tick; sleep 1; done'\r
                release: java -cp $JAR db.Migrate
                """);

        assertThat(procfile.processes()).extracting(Procfile.Process::type).containsExactly("web", "worker", "release");
        assertThat(procfile.web().orElseThrow().words()).containsExactly("java", "-Dport=$PORT", "-jar", "app.jar");
        assertThat(procfile.type("worker").orElseThrow().words())
                .containsExactly("sh", "-c", "while true; do echo tick; sleep 1; done");
        assertThat(procfile.others()).extracting(Procfile.Process::type).containsExactly("worker");
        assertThat(procfile.release()).isPresent();
    }

    @Test
    void theStoredTextReadsBackAsTheSameProcesses() {
        Procfile procfile = Procfile.parse("web: java -jar app.jar\n  clock :  java -cp \"$JAR\" Clock  \n");

        assertThat(procfile.text()).isEqualTo("web: java -jar app.jar\nclock: java -cp \"$JAR\" Clock\n");
        assertThat(Procfile.parse(procfile.text())).isEqualTo(procfile);
    }

    @Test
    void aBadLineFailsWithItsNumber() {
        assertThatThrownBy(() -> Procfile.parse("web: java -jar app.jar\nno colon here\n"))
                .hasMessage("Procfile line 2: is not 'type: command'");
        assertThatThrownBy(() -> Procfile.parse("Web: java\n")).hasMessageStartingWith("Procfile line 1: process type 'Web' must be");
        assertThatThrownBy(() -> Procfile.parse("web: java\n\nworker:\n")).hasMessage("Procfile line 3: the command of 'worker' is empty");
        assertThatThrownBy(() -> Procfile.parse("web: sh -c 'echo\n")).hasMessage("Procfile line 1: the command of 'web' has an unclosed quote");
        assertThatThrownBy(() -> Procfile.parse("web: a\nweb: b\n")).hasMessage("Procfile line 2: process type 'web' is defined twice");
    }

    @Test
    void hostileInputIsRefusedNotCleaned() {
        assertThatThrownBy(() -> Procfile.parse("web: java\u0000 -jar x\n")).hasMessageContaining("line 1: holds a control character");
        assertThatThrownBy(() -> Procfile.parse("web: java \u001b[2J\n")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Procfile.parse("w/../../etc: java\n")).hasMessageContaining("process type 'w/../../etc' must be");
        assertThatThrownBy(() -> Procfile.parse("a".repeat(31) + ": java\n")).hasMessageContaining("must be 1-30");
        assertThatThrownBy(() -> Procfile.parse("db-migrate: java\n")).as("a hyphen would make app shop's type db-migrate and app "
                + "shop-db's type migrate one unit name").hasMessageContaining("must be 1-30 of a-z, 0-9 and '_'");
        assertThatThrownBy(() -> Procfile.parse("web: " + "x".repeat(Procfile.MAX_LINE_CHARS) + "\n"))
                .hasMessage("Procfile line 1: longer than 2048 characters");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            many.append("t").append(i).append(": java\n");
        }
        assertThatThrownBy(() -> Procfile.parse(many.toString())).hasMessage("Procfile line 17: more than 16 process types");
        assertThatThrownBy(() -> Procfile.parse("# only a comment\n\n")).hasMessageContaining("no process types");
    }

    @Test
    void aFormationNamesOnlyScaledTypesAndEveryOtherRunsOne() {
        Formation formation = Formation.NONE.with(Map.of("worker", 2)).with(Map.of("clock", 0));

        assertThat(formation.count("worker")).isEqualTo(2);
        assertThat(formation.count("clock")).isZero();
        assertThat(formation.count("mailer")).isEqualTo(1);
        assertThat(formation.text()).isEqualTo("clock=0,worker=2");
        assertThat(Formation.parse(formation.text())).isEqualTo(formation);
        assertThat(Formation.parse(null)).isEqualTo(Formation.NONE);
    }

    @Test
    void aFormationOutsideZeroToSixteenOrOfABadTypeIsRefused() {
        assertThatThrownBy(() -> Formation.NONE.with(Map.of("worker", 17))).hasMessage("worker=17: instances per host must be 0..16");
        assertThatThrownBy(() -> Formation.NONE.with(Map.of("worker", -1))).hasMessageContaining("0..16");
        assertThatThrownBy(() -> Formation.NONE.with(Map.of("Worker;rm", 1))).hasMessageContaining("is not a process type");
    }
}
