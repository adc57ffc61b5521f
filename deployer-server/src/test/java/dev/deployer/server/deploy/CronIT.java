package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppProcesses;
import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.LogLine;
import dev.deployer.server.build.CronCalendar;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** app.json cron entries on three real hosts: a timer on the first host only, its run's output in the logs, its result in ps. */
@WithTestHosts(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CronIT {
    private static final String APP = "crons";
    private static final int PORT = 8129;
    private static final String TIMER = "deployer-crons@cron-1.timer";
    private static final String SERVICE = "deployer-crons@cron-1.service";
    private static final String CRON = "{\"cron\": [{\"command\": \"sh -c 'echo cron-ran; echo \\\"$CRON_VAR\\\"'\", \"schedule\": \"* * * * *\"}]}";

    private static LiveDeployer deployer;
    private static SampleRepo repo;
    private static TestHosts hosts;

    @BeforeAll
    static void setUp(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
        deployer = LiveDeployer.start(hosts, Map.of());
        repo = SampleRepo.create(Files.createTempDirectory("cron-repo-"));
        commit("Procfile", "web: java -Xmx64m -jar app.jar\nworker: sh -c 'while true; do sleep 5; done'\n");
        commit("app.json", CRON);
        deployer.createApp(AppRequest.create(APP, hosts.all().stream().map(TestHost::name).toList())
                .withRepo(repo.url(), "main").withRun(PORT, "-Xmx64m", "/health"));
        client().changeConfig(APP, Map.of("CRON_VAR", "from-the-app-env"), false);
    }

    @AfterAll
    static void tearDown() {
        if (deployer != null) {
            deployer.close();
        }
        if (hosts != null) {
            hosts.forEach(host -> LiveDeployer.removeAppFrom(host, APP));
        }
    }

    private static void commit(String file, String text) throws Exception {
        Files.writeString(repo.dir().resolve(file), text);
        repo.git("add", file);
        repo.git("commit", "-q", "-m", file);
    }

    private static DeployerClient client() {
        return deployer.admin();
    }

    private static void deploy() {
        DeploymentInfo done = client().follow(client().deploy(APP, null, false).id(), e -> {});
        assertThat(done.status()).as(done.reason()).isEqualTo("succeeded");
    }

    private static boolean exists(TestHost host, String unit) {
        return host.run("test -e /etc/systemd/system/" + unit).ok();
    }

    @Test
    @Order(1)
    void theTimerIsOnTheFirstHostOnlyAndItsRunsOutputReachesTheLogsAndItsResultPs() throws Exception {
        deploy();
        TestHost first = hosts.get(0);
        assertThat(first.run("systemctl is-active " + TIMER).out().trim()).isEqualTo("active");
        assertThat(first.run("systemctl is-enabled " + TIMER).out().trim()).isEqualTo("enabled");
        for (TestHost other : hosts.all().subList(1, hosts.all().size())) {
            assertThat(exists(other, TIMER)).as(other.name()).isFalse();
            assertThat(exists(other, SERVICE)).as(other.name()).isFalse();
        }

        // Not waiting for the minute: started by hand, like the timer would; a oneshot's start returns when it ended.
        first.run("systemctl start " + SERVICE).orThrow();
        List<LogLine> lines = new ArrayList<>();
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until) {
            lines = client().logs(APP, 50, null, null, "cron");
            if (lines.stream().anyMatch(l -> l.message().equals("from-the-app-env"))) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(lines).extracting(LogLine::message).contains("cron-ran", "from-the-app-env");
        assertThat(lines).allSatisfy(l -> assertThat(l.host()).isEqualTo(first.name()));

        AppProcesses ps = client().ps(APP);
        AppProcesses.HostProcesses onFirst = ps.hosts().get(0);
        assertThat(onFirst.error()).isNull();
        AppProcesses.Process cron = onFirst.processes().stream().filter(p -> p.type().equals("cron")).findFirst().orElseThrow();
        assertThat(cron.unit()).isEqualTo(SERVICE);
        assertThat(cron.version()).isEqualTo(ps.currentVersion());
        assertThat(cron.cron().schedule()).isEqualTo("* * * * *");
        assertThat(cron.cron().result()).isEqualTo("success");
        assertThat(cron.cron().exitStatus()).isZero();
        assertThat(cron.cron().lastExit()).isNotNull();
        assertThat(cron.cron().nextRun()).isNotNull();
        for (AppProcesses.HostProcesses host : ps.hosts()) {
            assertThat(host.processes()).as(host.host()).extracting(p -> p.type() + "." + p.instance())
                    .contains("worker.1").anyMatch(p -> p.startsWith("web."));
            assertThat(host.processes()).filteredOn(p -> p.type().equals("web")).extracting(AppProcesses.Process::role).contains("live");
        }
        assertThat(ps.hosts().subList(1, ps.hosts().size())).allSatisfy(h ->
                assertThat(h.processes()).noneMatch(p -> p.type().equals("cron")));
    }

    @Test
    @Order(2)
    void aRunNeverOverlapsThePreviousOne() throws Exception {
        TestHost first = hosts.get(0);
        String dropIn = "/run/systemd/system/" + SERVICE + ".d";
        // Each run takes 3 s; a start while one runs (what the timer does when it fires then) joins that run.
        first.run("mkdir -p " + dropIn + " && printf '[Service]\\nExecStartPre=/bin/sleep 3\\n' > " + dropIn + "/slow.conf"
                + " && systemctl daemon-reload && systemctl stop " + TIMER).orThrow(); // no timer run inside the count
        try {
            int before = runs(first);
            first.run("systemctl start --no-block " + SERVICE).orThrow();
            Thread.sleep(1000);
            assertThat(first.run("systemctl show -p ActiveState --value " + SERVICE).out().trim()).isEqualTo("activating");
            first.run("systemctl start --no-block " + SERVICE).orThrow();
            long until = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < until
                    && !first.run("systemctl show -p ActiveState --value " + SERVICE).out().trim().equals("inactive")) {
                Thread.sleep(500);
            }
            Thread.sleep(1000); // journald
            assertThat(runs(first)).isEqualTo(before + 1);
        } finally {
            first.run("rm -rf " + dropIn + "; systemctl daemon-reload; systemctl start " + TIMER);
        }
    }

    private static int runs(TestHost host) {
        return (int) host.run("journalctl --no-pager -o cat -u " + SERVICE).out().lines().filter("cron-ran"::equals).count();
    }

    @Test
    @Order(3)
    void systemdOnAHostReadsTheCalendarsSchedulesBecome() {
        List<String> argv = new ArrayList<>(List.of("systemd-analyze", "calendar"));
        for (String schedule : List.of("* * * * *", "0 3 * * *", "*/15 * * * *", "1-30/5 2,4 * JAN-MAR *", "30 6 * * 1-5", "0 0 * * 5-7",
                "0 0 * * */2", "0 12 1,15 * *")) {
            argv.add(CronCalendar.of(schedule));
        }
        assertThat(hosts.get(0).run(argv).ok()).isTrue();
    }

    @Test
    @Order(4)
    void aDeployWithoutTheEntryRemovesTheTimerAndTheService() throws Exception {
        commit("app.json", "{}");
        deploy();
        TestHost first = hosts.get(0);
        assertThat(exists(first, TIMER)).isFalse();
        assertThat(exists(first, SERVICE)).isFalse();
        assertThat(exists(first, "timers.target.wants/" + TIMER)).isFalse();
        assertThat(first.run("systemctl is-active " + TIMER).out().trim()).isNotEqualTo("active");
        assertThat(client().ps(APP).hosts().get(0).processes()).noneMatch(p -> p.type().equals("cron"));
    }

    @Test
    @Order(5)
    void deletingTheAppRemovesItsCronUnits() throws Exception {
        commit("app.json", CRON);
        deploy();
        TestHost first = hosts.get(0);
        assertThat(exists(first, TIMER)).isTrue();

        client().deleteApp(APP, false);

        assertThat(exists(first, TIMER)).isFalse();
        assertThat(exists(first, SERVICE)).isFalse();
        assertThat(exists(first, "timers.target.wants/" + TIMER)).isFalse();
        assertThat(first.run("systemctl is-active " + TIMER).out().trim()).isNotEqualTo("active");
    }
}
