package dev.deployer.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.RunOutput;
import dev.deployer.api.RunRequest;
import dev.deployer.api.RunResult;
import dev.deployer.server.apps.App;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.testing.RecordingHosts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSessionTest {
    private final RunFixture fixture = new RunFixture();
    private final List<String> sent = new ArrayList<>();
    private final OneOffRuns.Prepared run = fixture.runs.prepare(fixture.caller, RunFixture.app(App.RESTART),
            new RunRequest(List.of("sh", "-c", "exit 3"), null, null));

    @Test
    void theClientGetsWhereItRunsItsOutputAndItsExitCode() throws Exception {
        fixture.hosts.when("systemd-run").exits(3, "out line\n", "err line\n");

        RunResult result = new RunSession(run, fixture.hosts, events(null)).run();

        assertThat(sent).containsExactly(
                "notice notice:running on web1 in v3 as " + run.unit() + ", time limit 600 s",
                "output stdout:out line\n", "output stderr:err line\n", "end 3");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.droppedBytes()).isZero();
        assertThat(fixture.hosts.calls().via(RecordingHosts.Via.START).texts()).singleElement().asString()
                .startsWith("systemd-run --unit=" + run.unit() + " ").endsWith(" -- sh -c exit 3");
    }

    @Test
    void outputBeyondTheCapIsDroppedCountedAndSaidOnce() throws Exception {
        String big = "x".repeat((int) RunSession.MAX_OUTPUT_BYTES + 1);
        fixture.hosts.when("systemd-run").exits(0, "small\n", big);

        RunResult result = new RunSession(run, fixture.hosts, events(null)).run();

        assertThat(sent).hasSize(4);
        assertThat(sent.get(2)).startsWith("notice notice:output cut after 6 bytes (the most one run sends is 8 MiB)");
        assertThat(result.droppedBytes()).isEqualTo(big.length());
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aClientThatLeavesStopsTheCommandOnTheHost() throws Exception {
        fixture.hosts.when("systemd-run").prints("first\n");

        RunResult result = new RunSession(run, fixture.hosts, events("output")).run();

        assertThat(result).isNull();
        assertThat(fixture.hosts.calls().via(RecordingHosts.Via.RUN_ALLOWING_FAILURE).texts())
                .contains("systemctl stop -- " + run.unit());
    }

    @Test
    void aHostThatCannotStartTheCommandEndsTheRunWithMinusOneAndWhy() throws Exception {
        fixture.hosts.when("systemd-run").fails(RemoteFailure.Kind.CONNECTION_LOST);

        RunResult result = new RunSession(run, fixture.hosts, events(null)).run();

        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.message()).startsWith("could not start the command on web1");
        assertThat(sent).last().isEqualTo("end -1");
    }

    /** Records what is sent; {@code failOn}: the event at which the client is gone. */
    private RunSession.Events events(String failOn) {
        return new RunSession.Events() {
            @Override
            public void send(String event, Object data) throws IOException {
                if (event.equals(failOn)) {
                    throw new IOException("client gone");
                }
                sent.add(event + " " + (data instanceof RunOutput o ? o.stream() + ":" + o.text()
                        : String.valueOf(((RunResult) data).exitCode())));
            }

            @Override
            public void heartbeat() {}
        };
    }
}
