package dev.deployer.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.api.ReleaseInfo;
import dev.deployer.server.testing.GitPush;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Twenty real {@code git push}es at once, four to each of five apps: every push ends accepted or rejected with a
 * reason, and every app ends on a release whose commit is its branch head, served by its host.
 */
@WithTestHosts(2)
class ConcurrentPushesIT {
    private static final int APPS = 5;
    private static final int PUSHES_PER_APP = 4;

    private static LiveDeployer deployer;
    private static TestHosts hosts;
    private static String token;
    private static SampleRepo base;

    private record Pushed(String app, int port, TestHost host, String version, String commit, GitPush push) {}

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        deployer = LiveDeployer.start(hosts, Map.of());
        token = deployer.admin().createToken("pusher", "deployer").token();
        for (int a = 0; a < APPS; a++) {
            TestHost host = host(a);
            LiveDeployer.removeAppFrom(host, app(a));
            deployer.createApp(AppRequest.create(app(a), List.of(host.name())).withRun(port(a), "-Xmx48m", "/health"));
        }
        base = SampleRepo.create(Files.createTempDirectory("race-base-"));
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            deployer.close();
        }
    }

    private static String app(int a) {
        return "race" + a;
    }

    private static int port(int a) {
        return 8110 + a;
    }

    private static TestHost host(int a) {
        return hosts.get(a % hosts.size());
    }

    private static String remote(String app) {
        return deployer.server().url() + "git/" + app + ".git";
    }

    @Test
    void twentyPushesAtOnceEachEndWithAReasonAndEveryAppRunsItsBranchHead() throws Exception {
        for (int round = 1; round <= 2; round++) {
            List<Pushed> pushed = pushAllAtOnce(round);

            for (Pushed p : pushed) {
                String text = p.push().text();
                assertThat(text).as(p.app() + " " + p.version()).doesNotContain("HTTP 500", "RPC failed", "failed to lock");
                if (p.push().exitCode() == 0) {
                    assertThat(text).as(p.version()).contains("is live");
                } else {
                    assertThat(text).as(p.version()).containsAnyOf("[remote rejected]", "[rejected]");
                }
            }
            for (int a = 0; a < APPS; a++) {
                String app = app(a);
                List<Pushed> mine = pushed.stream().filter(p -> p.app().equals(app)).toList();
                assertThat(mine).as(app + " round " + round).filteredOn(p -> p.push().exitCode() == 0).isNotEmpty();
                String head = branchHead(app);
                ReleaseInfo current = deployer.admin().releases(app).stream().filter(ReleaseInfo::current).findFirst()
                        .orElseThrow();
                assertThat(current.commit()).as(app + ": the live release is the branch head").isEqualTo(head);
                Pushed winner = mine.stream().filter(p -> p.commit().equals(head)).findFirst().orElseThrow();
                assertThat(winner.push().exitCode()).as("the push of the head was told it was accepted").isZero();
                assertThat(host(a).run("curl -s http://127.0.0.1:" + port(a) + "/").out())
                        .isEqualTo("hello from hello-service " + winner.version());
            }
        }
    }

    /** Each app's four pushes start from its branch head (none on the first round) with a commit of their own. */
    private List<Pushed> pushAllAtOnce(int round) throws Exception {
        List<Pushed> prepared = new ArrayList<>();
        List<Path> clones = new ArrayList<>();
        for (int a = 0; a < APPS; a++) {
            for (int k = 0; k < PUSHES_PER_APP; k++) {
                Path dir = Files.createTempDirectory("race-" + a + "-" + k + "-");
                SampleRepo clone = round == 1 ? SampleRepo.create(dir) : cloneOf(app(a), dir);
                String version = "r" + round + "-a" + a + "-p" + k;
                prepared.add(new Pushed(app(a), port(a), host(a), version, clone.commitVersion(version, false), null));
                clones.add(dir);
            }
        }
        ExecutorService pushers = Executors.newFixedThreadPool(prepared.size());
        List<Future<GitPush>> running = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Path dir = clones.get(i);
            String app = prepared.get(i).app();
            running.add(pushers.submit(() -> GitPush.run(dir, remote(app), token, "main")));
        }
        List<Pushed> done = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Pushed p = prepared.get(i);
            done.add(new Pushed(p.app(), p.port(), p.host(), p.version(), p.commit(), running.get(i).get(10, TimeUnit.MINUTES)));
        }
        pushers.shutdown();
        return done;
    }

    private static SampleRepo cloneOf(String app, Path dir) throws Exception {
        Files.delete(dir);
        run(List.of("git", "-c", "http.extraHeader=Authorization: Basic " + basic(), "clone", "-q", remote(app), dir.toString()));
        SampleRepo clone = SampleRepo.open(dir);
        clone.git("config", "user.email", "dev@example.test");
        clone.git("config", "user.name", "Dev");
        return clone;
    }

    private static String branchHead(String app) throws Exception {
        String out = run(List.of("git", "-c", "http.extraHeader=Authorization: Basic " + basic(), "ls-remote", remote(app),
                "refs/heads/main"));
        return out.split("\\s+")[0];
    }

    private static String basic() {
        return Base64.getEncoder().encodeToString(("anyone:" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
