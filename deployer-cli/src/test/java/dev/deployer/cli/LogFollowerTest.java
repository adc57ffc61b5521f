package dev.deployer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.api.ApiException;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.LogLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class LogFollowerTest {
    private static final Instant T = Instant.parse("2026-11-25T14:00:00Z");

    /** Plays one scripted stream per call; after the last, the app is gone (404), which ends the follow. */
    private static final class ScriptedServer extends DeployerClient {
        final List<List<LogLine>> streams;
        final List<String> sinces = new ArrayList<>();
        final List<Integer> backlogs = new ArrayList<>();

        ScriptedServer(List<List<LogLine>> streams) {
            super("http://127.0.0.1:1", "token");
            this.streams = new ArrayList<>(streams);
        }

        @Override
        public void followLogs(String app, Integer lines, String host, String since, String type, Predicate<LogLine> handler) {
            sinces.add(since);
            backlogs.add(lines);
            if (streams.isEmpty()) {
                throw new ApiException(404, "no app named " + app);
            }
            streams.remove(0).forEach(handler::test);
            throw new UncheckedIOException("event stream broke: connection reset", new java.io.IOException("reset"));
        }
    }

    @Test
    void reconnectsFromTheOldestLastSeenTimeAndPrintsNothingTwice() {
        ScriptedServer server = new ScriptedServer(List.of(
                List.of(line(1, "web1", "a"), line(2, "web2", "b"), line(3, "web1", "c")),
                // the server resends from web2's last time (2 s): b and c again, then what is new
                List.of(line(2, "web2", "b"), line(3, "web1", "c"), line(3, "web1", "c2"), line(4, "web2", "d"))));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LogFollower follower = new LogFollower(server, new LogPrinter(new PrintWriter(out), new PrintWriter(err), false),
                new PrintWriter(err), Duration.ofMillis(1));

        assertThatThrownBy(() -> follower.follow("shop", 100, null, null)).isInstanceOf(ApiException.class);

        assertThat(out.toString().lines().map(l -> l.substring(l.indexOf(' ') + 1)))
                .containsExactly("web1 a", "web2 b", "web1 c", "web1 c2", "web2 d");
        assertThat(server.sinces).containsExactly(null, "2026-11-25T14:00:02Z", "2026-11-25T14:00:03Z");
        assertThat(server.backlogs.get(0)).isEqualTo(100);
        // two drops, each after lines arrived: two separate outages, each said once
        assertThat(err.toString().lines().filter(l -> l.contains("event stream broke"))).hasSize(2);
    }

    @Test
    void aServerThatCannotBeReachedAtAllIsAnErrorNotARetryLoop() {
        DeployerClient nobody = new DeployerClient("http://127.0.0.1:1", "token");
        LogFollower follower = new LogFollower(nobody, new LogPrinter(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), false), new PrintWriter(new StringWriter()), Duration.ofMillis(1));
        assertThatThrownBy(() -> follower.follow("shop", 1, null, null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("cannot reach the deployer server");
    }

    private static LogLine line(int second, String host, String message) {
        return LogLine.line(T.plusSeconds(second), host, 6, message);
    }
}
