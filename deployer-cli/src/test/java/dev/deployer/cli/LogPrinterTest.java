package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.LogLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogPrinterTest {
    private static final Instant AT = Instant.parse("2026-11-25T14:20:14.974585Z");

    @Test
    void printsTimeInUtcHostAndMessage() {
        assertThat(LogPrinter.format(LogLine.line(AT, "th1", 6, "started on port 8080")))
                .isEqualTo("2026-11-25T14:20:14.974Z th1 started on port 8080");
        assertThat(LogPrinter.format(LogLine.line(Instant.parse("2026-11-25T14:20:14Z"), "th1", 6, "x")))
                .isEqualTo("2026-11-25T14:20:14.000Z th1 x");
    }

    @Test
    void everyLineOfAMultiLineMessageSaysWhenAndWhere() {
        assertThat(LogPrinter.format(LogLine.line(AT, "th2", 3, "Exception in main\n\tat App.main(App.java:3)")))
                .isEqualTo("2026-11-25T14:20:14.974Z th2 Exception in main\n2026-11-25T14:20:14.974Z th2 \tat App.main(App.java:3)");
    }

    @Test
    void coloursAreDroppedAndOtherControlCharactersShownNotObeyed() {
        assertThat(LogPrinter.format(LogLine.line(AT, "th1", 6, "\u001B[1;31mERROR\u001B[0m title\u001B]0;pwned\u0007 \r")))
                .isEqualTo("2026-11-25T14:20:14.974Z th1 ERROR title?]0;pwned? ?");
    }

    @Test
    void noticesGoToStderrMarkedAsTheDeployers() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LogPrinter printer = new LogPrinter(new PrintWriter(out), new PrintWriter(err), false);
        printer.print(LogLine.line(AT, "th1", 6, "hello"));
        printer.print(LogLine.notice(AT, "th2", 4, "host th2 disconnected; reconnecting in 1 s"));
        printer.print(LogLine.notice(AT, null, 4, "3 lines dropped here"));
        assertThat(out.toString()).isEqualTo("2026-11-25T14:20:14.974Z th1 hello" + System.lineSeparator());
        assertThat(err.toString().lines()).containsExactly(
                "2026-11-25T14:20:14.974Z th2 deployer: host th2 disconnected; reconnecting in 1 s",
                "2026-11-25T14:20:14.974Z - deployer: 3 lines dropped here");
    }

    @Test
    void jsonModePrintsOneObjectPerLineNoticesIncluded() {
        StringWriter out = new StringWriter();
        LogPrinter printer = new LogPrinter(new PrintWriter(out), new PrintWriter(new StringWriter()), true);
        printer.print(LogLine.notice(AT, "th2", 5, "host th2 reconnected"));
        assertThat(out.toString().strip()).isEqualTo("{\"at\":\"2026-11-25T14:20:14.974585Z\",\"host\":\"th2\",\"priority\":5,"
                + "\"message\":\"host th2 reconnected\",\"kind\":\"notice\"}");
    }
}
