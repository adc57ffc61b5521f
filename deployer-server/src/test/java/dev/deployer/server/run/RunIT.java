package dev.deployer.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.ApiException;
import dev.deployer.api.AppRequest;
import dev.deployer.api.AuditEntry;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.RunOutput;
import dev.deployer.api.RunRequest;
import dev.deployer.api.RunResult;
import dev.deployer.cli.DeployerCli;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code deployer run} on real hosts: the app's release, user and config; exit codes, hostile words, the time limit, a client that leaves. */
@WithTestHosts(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunIT {
    private static final String APP = "oneoff";
    private static final int PORT = 8120;
    private static final String SECRET = "run-it-s3cr3t-value";

    private static LiveDeployer deployer;
    private static List<TestHost> hosts;

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts.all().subList(0, 2);
        hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
        deployer = LiveDeployer.start(testHosts, Map.of());
        SampleRepo repo = SampleRepo.create(Files.createTempDirectory("oneoff-repo-"));
        deployer.createApp(AppRequest.create(APP, hosts.stream().map(TestHost::name).toList())
                .withRepo(repo.url(), "main").withRun(PORT, "-Xmx64m", "/health").withStrategy("restart"));
        client().changeConfig(APP, Map.of("SOME_CONFIG_VAR", SECRET), false);
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            try {
                client().deleteApp(APP, true);
            } finally {
                deployer.close();
                hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
            }
        }
    }

    private static DeployerClient client() {
        return deployer.admin();
    }

    @Test
    @Order(1)
    void anAppWithoutAReleaseSaysSoAndRunsNothing() {
        assertThatThrownBy(() -> client().run(APP, new RunRequest(List.of("true"), null, null), output -> { }))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("has no release yet");
                });
        DeploymentInfo done = client().follow(client().deploy(APP, null, false).id(), event -> { });
        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
    }

    @Test
    @Order(2)
    void cliRunsInTheReleaseAsTheAppsUserWithItsConfigAndExitsWithTheCommandsCode() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DeployerCli.run(new DeployerCli.Environment(Map.of("DEPLOYER_URL", deployer.server().url(),
                        "DEPLOYER_TOKEN", deployer.server().adminToken()), Files.createTempDirectory("cli-").resolve("config.json")),
                new PrintWriter(out, true), new PrintWriter(err, true),
                "run", APP, "--", "sh", "-c", "echo $PWD; id -un; echo $SOME_CONFIG_VAR; echo $JAR; echo oops >&2; exit 3");

        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(out.toString()).isEqualTo("/opt/deployer/oneoff/releases/v1\noneoff\n" + SECRET
                + "\n/opt/deployer/oneoff/releases/v1/app.jar\n");
        assertThat(err.toString()).contains("oops").contains("running on " + hosts.get(0).name() + " in v1");
    }

    @Test
    @Order(3)
    void wordsReachTheProgramExactlyAsSentOnTheNamedHost() {
        List<String> hostile = List.of("; rm -rf /", "$(id)", "$HOME", "${JAR}", "`id`", "it's", "100%", "a\nb", "");
        List<RunOutput> output = new CopyOnWriteArrayList<>();
        List<String> command = new java.util.ArrayList<>(List.of("printf", "[%s]"));
        command.addAll(hostile);
        RunResult result = client().run(APP, new RunRequest(command, hosts.get(1).name(), null), output::add);

        assertThat(result.exitCode()).isZero();
        assertThat(result.host()).isEqualTo(hosts.get(1).name());
        assertThat(stdout(output)).isEqualTo(hostile.stream().map(w -> "[" + w + "]").collect(Collectors.joining()));
        assertThat(client().run(APP, new RunRequest(List.of("cat", "/etc/hostname"), hosts.get(1).name(), null), output::add)
                .exitCode()).isZero();
        assertThat(stdout(output)).endsWith(hosts.get(1).name() + "\n");
    }

    @Test
    @Order(4)
    void aCommandBeyondItsTimeLimitIsStoppedByTheHostAndReported() {
        List<RunOutput> output = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        RunResult result = client().run(APP, new RunRequest(List.of("sh", "-c", "echo started; exec sleep 300"), null, 3),
                output::add);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(stdout(output)).isEqualTo("started\n");
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(result.message()).contains("time limit of 3 s");
        assertThat(seconds).isLessThan(20);
        assertThat(hosts.get(0).run("pgrep -u oneoff -x sleep").exitCode()).as("no sleep left").isEqualTo(1);
    }

    @Test
    @Order(5)
    void aClientThatGoesAwayStopsTheCommandOnTheHost() throws Exception {
        TestHost host = hosts.get(0);
        int whileReading;
        long left;
        // A plain socket, so that the test decides when the connection closes, as a closed terminal or Ctrl-C would.
        try (Socket socket = new Socket("127.0.0.1", URI.create(deployer.server().url()).getPort())) {
            byte[] body = "{\"command\":[\"sh\",\"-c\",\"echo started; exec sleep 300\"]}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/apps/" + APP + "/run HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + deployer.server().adminToken() + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.setSoTimeout(60_000);
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (!answer.toString().contains("started\\n")) {
                int n = in.read(buffer);
                assertThat(n).as("stream ended early: " + answer).isPositive();
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            whileReading = host.run("pgrep -u oneoff -x sleep").exitCode();
            left = System.nanoTime();
        }
        assertThat(whileReading).as("sleep runs while the client reads").isZero();

        while (host.run("pgrep -u oneoff -x sleep").exitCode() == 0 && System.nanoTime() - left < TimeUnit.SECONDS.toNanos(20)) {
            Thread.sleep(250);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - left);
        System.out.println("run: the command was gone " + seconds + " s after its client left");
        assertThat(host.run("pgrep -u oneoff -x sleep").exitCode()).as("sleep stopped after the client left").isEqualTo(1);
        assertThat(seconds).isLessThan(10);
    }

    @Test
    @Order(6)
    void theAuditLogHasTheWordsAndNoEnvValue() {
        List<AuditEntry> runs = client().get("api/audit?limit=100", new TypeReference<List<AuditEntry>>() {}).stream()
                .filter(entry -> entry.action().equals("run")).toList();

        assertThat(runs).anySatisfy(entry -> assertThat(entry.detail())
                .contains("'sh' '-c' 'echo $PWD; id -un; echo $SOME_CONFIG_VAR;").contains("in v1"));
        assertThat(runs).allSatisfy(entry -> assertThat(entry.detail()).doesNotContain(SECRET));
        assertThat(runs).extracting(AuditEntry::target).containsOnly(APP);
    }

    private static String stdout(List<RunOutput> output) {
        return output.stream().filter(o -> o.stream().equals(RunOutput.STDOUT)).map(RunOutput::text).collect(Collectors.joining());
    }
}
