package dev.deployer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamReaderTest {

    @Test
    void eventsSplitAcrossReadsArriveWhole() throws IOException {
        String stream = "event: line\ndata: {\"message\":\"first\"}\n\nevent: end\r\ndata: {\"id\":7}\r\n\r\n";
        for (int chunk = 1; chunk <= 5; chunk++) {
            assertThat(read(new Trickle(stream, chunk))).as("read %d chars at a time", chunk).containsExactly(
                    new ServerSentEvent("line", "{\"message\":\"first\"}"), new ServerSentEvent("end", "{\"id\":7}"));
        }
    }

    @Test
    void heartbeatsAndCommentsAreNotEvents() throws IOException {
        String stream = ": keep-alive\n\n: keep-alive\n\nevent: line\n: a comment inside an event\ndata: x\n\n: keep-alive\n\n";
        assertThat(read(new StringReader(stream))).containsExactly(new ServerSentEvent("line", "x"));
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() throws IOException {
        String stream = "data: one\ndata:two\ndata:  three has a space kept\n\n";
        assertThat(read(new StringReader(stream)))
                .containsExactly(new ServerSentEvent("message", "one\ntwo\n three has a space kept"));
    }

    @Test
    void theNameResetsToMessageAfterEachEventAndIdAndRetryAreSkipped() throws IOException {
        String stream = "id: 4\nretry: 1000\nevent: end\ndata: a\n\ndata: b\n\n";
        assertThat(read(new StringReader(stream)))
                .containsExactly(new ServerSentEvent("end", "a"), new ServerSentEvent("message", "b"));
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsDropped() throws IOException {
        assertThat(read(new StringReader("data: whole\n\ndata: cut off"))).containsExactly(new ServerSentEvent("message", "whole"));
    }

    @Test
    void readingStopsWhenTheHandlerSaysSo() throws IOException {
        List<ServerSentEvent> seen = new ArrayList<>();
        EventStreamReader.read(new BufferedReader(new StringReader("data: 1\n\ndata: 2\n\ndata: 3\n\n")), event -> {
            seen.add(event);
            return !event.data().equals("2");
        });
        assertThat(seen).extracting(ServerSentEvent::data).containsExactly("1", "2");
    }

    private static List<ServerSentEvent> read(Reader in) throws IOException {
        List<ServerSentEvent> events = new ArrayList<>();
        EventStreamReader.read(new BufferedReader(in, 1), events::add);
        return events;
    }

    /** Hands out at most {@code chunk} characters per read, as a slow network does. */
    private static final class Trickle extends Reader {
        private final String text;
        private final int chunk;
        private int at;

        Trickle(String text, int chunk) {
            this.text = text;
            this.chunk = chunk;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (at >= text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(length, chunk), text.length() - at);
            text.getChars(at, at + n, buffer, offset);
            at += n;
            return n;
        }

        @Override
        public void close() {}
    }
}
