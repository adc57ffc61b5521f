package dev.deployer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/demo} as a newcomer runs it, then {@code scripts/demo down}: the real script with a real server,
 * its own test host dm1 (set {@code dm}, never the shared th hosts) and a real {@code git push}. It takes the jars the
 * reactor has just built ({@code DEMO_BUILD=never}), a data dir of its own under /tmp and free ports, so it runs
 * beside nothing but a hand-started demo (which it refuses to disturb).
 */
class DemoScriptIT {
    private static final Path ROOT = repositoryRoot();
    private static final Pattern ANSWER = Pattern.compile("^answer from dm1 \\(curl http://10\\.213\\.11\\.11:8124/\\): (.*)$");
    private static final Pattern DASHBOARD = Pattern.compile("^Dashboard: (http://127\\.0\\.0\\.1:\\d+/\\S*)$");

    @Test
    void demoDeploysHelloServiceByGitPushAndDownRemovesAllOfIt() throws Exception {
        assertThat(testHostsStatus()).as("a demo already runs on this machine (test host dm1): 'scripts/demo down' first")
                .doesNotContain("dm1 ");
        Path demoDir = Path.of("/tmp", "deployer-demo-it-" + ProcessHandle.current().pid());
        int port;
        int adminPort;
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            port = first.getLocalPort();
            adminPort = second.getLocalPort();
        }
        Map<String, String> env = Map.of("DEMO_DIR", demoDir.toString(), "DEMO_PORT", String.valueOf(port),
                "DEMO_ADMIN_PORT", String.valueOf(adminPort), "DEMO_BUILD", "never");
        Run down;
        try {
            Run up = run(List.of("scripts/demo"), env, Duration.ofSeconds(150));
            assertThat(up.exitCode()).as(up.text()).isZero();

            assertThat(line(up, ANSWER)).as(up.text()).contains("hello from hello-service " + helloServiceVersion());
            // The real git push output: the server's remote: lines and git's own ref line.
            assertThat(up.lines()).as(up.text())
                    .anyMatch(l -> l.contains("remote: deployer: v1 is live"))
                    .anyMatch(l -> l.contains("* [new branch]      main -> main"));
            String dashboard = line(up, DASHBOARD).orElseThrow(() -> new AssertionError("no dashboard URL in:\n" + up.text()));
            assertThat(dashboard).startsWith("http://127.0.0.1:" + port + "/");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>deployer</title>");
            assertThat(up.lines()).as(up.text()).anyMatch(l -> l.matches("^Token: +dpl_\\S+$"))
                    .anyMatch(l -> l.contains("scripts/deployer logs hello"))
                    .anyMatch(l -> l.contains("scripts/deployer rollback hello"));
        } finally {
            // Also after a failure above: nothing of the demo may stay behind.
            down = run(List.of("scripts/demo", "down"), env, Duration.ofSeconds(90));
        }
        assertThat(down.exitCode()).as(down.text()).isZero();

        assertThat(portIsClosed(port)).as("the demo's server port " + port + " after down").isTrue();
        assertThat(testHostsStatus()).doesNotContain("dm1 ");
        assertThat(Path.of("/run/deployer-testhosts/hosts/dm1")).doesNotExist();
        assertThat(Path.of("/run/netns/dt-dm1")).doesNotExist();
        assertThat(demoDir).doesNotExist();
        assertThat(Path.of(demoDir + ".lock")).doesNotExist();

        Run again = run(List.of("scripts/demo", "down"), env, Duration.ofSeconds(30));
        assertThat(again.exitCode()).as(again.text()).isZero();
        assertThat(again.text()).contains("no demo is running");
    }

    /** What a script printed (stdout and stderr merged) and how it ended. */
    private record Run(int exitCode, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }

    /**
     * Runs a script of the checkout with {@code env} on top of a clean environment and reads its output to the end. The
     * output ending soon after the script is part of the contract: whatever it leaves running (the server, the test
     * host) must not hold it open, or {@code scripts/demo | tee demo.log} would hang.
     */
    private static Run run(List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(key -> key.startsWith("DEPLOYER_") || key.startsWith("DEMO_")
                || key.startsWith("TESTHOSTS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[" + String.join(" ", command) + "] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading the output failed: " + e.getMessage() + ")");
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout + ":\n" + String.join("\n", lines));
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(reader.isAlive()).as(command + " ended, but something it started still holds its output open:\n"
                + String.join("\n", lines)).isFalse();
        return new Run(process.exitValue(), List.copyOf(lines));
    }

    private static Optional<String> line(Run run, Pattern pattern) {
        for (String line : run.lines()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private static String testHostsStatus() throws IOException, InterruptedException {
        Run status = run(List.of("scripts/testhosts", "status"), Map.of("TESTHOSTS_PREFIX", "dm"), Duration.ofSeconds(30));
        assertThat(status.exitCode()).as(status.text()).isZero();
        return status.text();
    }

    private static boolean portIsClosed(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return false;
        } catch (ConnectException refused) {
            return true;
        }
    }

    /** The constant hello-service answers with, read from its source so the test follows it. */
    private static String helloServiceVersion() throws IOException {
        String source = Files.readString(ROOT.resolve("examples/hello-service/src/main/java/dev/deployer/examples/hello/HelloService.java"));
        Matcher version = Pattern.compile("static final String VERSION = \"([^\"]+)\";").matcher(source);
        assertThat(version.find()).as("VERSION in HelloService.java").isTrue();
        return version.group(1);
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("scripts/demo"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no scripts/demo above " + Path.of("").toAbsolutePath());
    }
}
