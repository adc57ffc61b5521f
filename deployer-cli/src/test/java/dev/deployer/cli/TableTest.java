package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.PreflightCheck;
import dev.deployer.api.PreflightReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsAlignToTheWidestCellAndEmptyCellsShowADash() {
        StringWriter out = new StringWriter();
        new Table("NAME", "ADDRESS", "APPS").row("web1", "10.0.0.5:22", "shop,blog").row("db-primary", "10.0.0.10:2222", "")
                .print(new PrintWriter(out));
        assertThat(out.toString()).isEqualTo(
                "NAME        ADDRESS         APPS\n"
                + "web1        10.0.0.5:22     shop,blog\n"
                + "db-primary  10.0.0.10:2222  -\n");
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void preflightShowsTheFixUnderEachFailedCheck() {
        StringWriter out = new StringWriter();
        PreflightPrinter.print(new PrintWriter(out), PreflightReport.of("web1", List.of(
                PreflightCheck.pass("ssh login", "logged in as root@10.0.0.5:22"),
                PreflightCheck.fail("java", "/usr/bin/java is missing", "install a Java runtime"))));
        assertThat(out.toString()).isEqualTo(
                "Preflight of web1: some checks FAILED\n"
                + "  ok    ssh login  logged in as root@10.0.0.5:22\n"
                + "  FAIL  java       /usr/bin/java is missing\n"
                + "                   fix: install a Java runtime\n");
    }
}
