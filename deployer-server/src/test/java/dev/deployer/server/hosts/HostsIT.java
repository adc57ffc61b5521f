package dev.deployer.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.ApiException;
import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.Host;
import dev.deployer.api.HostAdded;
import dev.deployer.api.HostRequest;
import dev.deployer.api.PreflightCheck;
import dev.deployer.api.PreflightReport;
import dev.deployer.server.testing.ServerProcess;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hosts through the real server and real hosts: pinning on add, refusal after a key change,
 * re-trust, the sudo path, preflight passing and failing (java, ports, haproxy and slot ports), removal refused while an
 * app uses a host.
 * th4 is this class's own: it gets its java hidden and its keys regenerated.
 */
@WithTestHosts(4)
class HostsIT {
    private static ServerProcess server;
    private static DeployerClient admin;
    private static TestHosts hosts;

    @BeforeAll
    static void start(TestHosts testHosts) throws Exception {
        hosts = testHosts;
        server = ServerProcess.start(Map.of());
        admin = server.adminClient();
        String publicKey = admin.sshKey().publicKey();
        for (TestHost host : hosts) {
            TestHostSetup.authorize(host, publicKey);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void addingAHostPinsTheKeyItPresentsAndPreflightPasses() {
        TestHost th1 = hosts.get(0);
        HostAdded added = admin.addHost(new HostRequest("pinned", th1.address(), th1.port(), null, null));

        assertThat(added.host().fingerprint()).isEqualTo(TestHostSetup.ed25519Fingerprint(th1));
        assertThat(added.host().user()).isEqualTo("root");
        assertThat(added.preflight().ok()).as("%s", added.preflight()).isTrue();
        assertThat(added.preflight().checks()).extracting(PreflightCheck::name)
                .contains("ssh login", "root or sudo", "systemd", "java", "disk", "haproxy", "socat", "clock");
        assertThat(check(added.preflight(), "haproxy").detail()).as("the base image's haproxy").startsWith("haproxy 2.");
        assertThat(admin.hosts()).extracting(Host::name).contains("pinned");
        assertThat(admin.get("api/audit", new TypeReference<List<Map<String, Object>>>() {}))
                .anySatisfy(entry -> assertThat(entry).containsEntry("action", "host.add").containsEntry("target", "pinned"));
    }

    @Test
    void aGivenFingerprintMustMatchOrNothingIsSaved() {
        TestHost th2 = hosts.get(1);
        String wrong = "SHA256:" + "A".repeat(43);

        assertThatThrownBy(() -> admin.addHost(new HostRequest("checked", th2.address(), th2.port(), null, wrong)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(TestHostSetup.ed25519Fingerprint(th2)).contains("nothing was saved");
                });
        assertThat(admin.hosts()).extracting(Host::name).doesNotContain("checked");

        String right = TestHostSetup.ed25519Fingerprint(th2);
        assertThat(admin.addHost(new HostRequest("checked", th2.address(), th2.port(), null, right)).host().fingerprint()).isEqualTo(right);
    }

    @Test
    void anUnreachableHostIsRefusedAndNothingIsSaved() throws Exception {
        int closed = ServerProcess.freePort();
        assertThatThrownBy(() -> admin.addHost(new HostRequest("nowhere", "127.0.0.1", closed, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(502));
        assertThatThrownBy(() -> admin.addHost(new HostRequest("bad-address", "host;reboot", 22, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThat(admin.hosts()).extracting(Host::name).doesNotContain("nowhere", "bad-address");
    }

    @Test
    void aNonRootUserWithSudoPassesPreflight() {
        TestHost th2 = hosts.get(1);
        HostAdded added = admin.addHost(new HostRequest("as-deploy", th2.address(), th2.port(), th2.deployUser(), null));

        assertThat(added.preflight().ok()).as("%s", added.preflight()).isTrue();
        assertThat(check(added.preflight(), "root or sudo").detail()).contains("may run every program");
    }

    @Test
    void preflightNamesExactlyTheSudoRightsAUserLacks() {
        TestHost th2 = hosts.get(1);
        TestHostSetup.createLimitedSudoUser(th2, "limited", admin.sshKey().publicKey(), "/usr/bin/mkdir", "/usr/bin/cat");

        PreflightCheck sudo = check(admin.addHost(new HostRequest("limited", th2.address(), th2.port(), "limited", null)).preflight(),
                "root or sudo");

        assertThat(sudo.ok()).isFalse();
        assertThat(sudo.detail()).contains("systemctl").contains("useradd").contains("install").doesNotContain("mkdir")
                .doesNotContain(" cat");
        assertThat(sudo.fix()).contains("limited ALL=(root) NOPASSWD: ").contains("/usr/bin/systemctl").contains("/usr/sbin/useradd");
    }

    @Test
    void preflightFailsWithoutJavaAndWhenThePortIsTaken() {
        TestHost th4 = hosts.get(3);
        admin.addHost(new HostRequest("no-java", th4.address(), th4.port(), null, null));

        PreflightReport portAndVersion = admin.checkHost("no-java", 22, 99);
        assertThat(portAndVersion.ok()).isFalse();
        assertThat(check(portAndVersion, "port 22").detail()).contains("already taken");
        assertThat(check(portAndVersion, "java").detail()).contains("java 17, but apps need 99");

        th4.run("mv /usr/bin/java /usr/bin/java.hidden-by-hosts-it").orThrow();
        try {
            PreflightCheck java = check(admin.checkHost("no-java", null, null), "java");
            assertThat(java.ok()).isFalse();
            assertThat(java.detail()).contains("/usr/bin/java is missing");
            assertThat(java.fix()).contains("install a Java runtime");
        } finally {
            th4.run("mv /usr/bin/java.hidden-by-hosts-it /usr/bin/java").orThrow();
        }
        assertThat(admin.checkHost("no-java", null, 17).ok()).isTrue();
    }

    @Test
    void preflightWantsHaproxySocatAndBothSlotPortsOfANewZeroDowntimeAppAndPrintsTheInstallLine() {
        TestHost th4 = hosts.get(3);
        admin.addHost(new HostRequest("proxied", th4.address(), th4.port(), null, null));

        PreflightReport free = admin.checkHost("proxied", 8116, null);
        assertThat(free.ok()).as("%s", free).isTrue();
        assertThat(check(free, "socat").ok()).isTrue();
        assertThat(check(free, "port 8116").detail()).isEqualTo("free for the new app");
        assertThat(check(free, "port 18116").detail()).isEqualTo("free for slot a of the new app");
        assertThat(check(free, "port 28116").detail()).isEqualTo("free for slot b of the new app");

        PreflightCheck tooHigh = check(admin.checkHost("proxied", 13000, null), "slot ports of the new app");
        assertThat(tooHigh.ok()).isFalse();
        assertThat(tooHigh.fix()).contains("between 1024 and 12767").contains("--strategy restart");

        th4.run("systemctl stop hostsit-slot-squatter.service 2>/dev/null; systemd-run --unit=hostsit-slot-squatter /usr/bin/socat TCP-LISTEN:18116,bind=127.0.0.1,reuseaddr,fork SYSTEM:true"
                + " && for i in $(seq 50); do ss -H -l -t -n | grep -q ':18116 ' && break; sleep 0.1; done").orThrow();
        try {
            PreflightCheck squatted = check(admin.checkHost("proxied", 8116, null), "port 18116");
            assertThat(squatted.ok()).isFalse();
            assertThat(squatted.detail()).contains("for slot a of the new app").contains("already taken by another process");
        } finally {
            th4.run("systemctl stop hostsit-slot-squatter.service").orThrow();
        }

        th4.run("mv /usr/sbin/haproxy /usr/sbin/haproxy.hidden-by-hosts-it").orThrow();
        try {
            PreflightReport missing = admin.checkHost("proxied", null, null);
            assertThat(missing.ok()).isFalse();
            PreflightCheck haproxy = check(missing, "haproxy");
            assertThat(haproxy.ok()).isFalse();
            assertThat(haproxy.detail()).contains("/usr/sbin/haproxy is missing").contains("default for new apps");
            assertThat(haproxy.fix()).isEqualTo("sudo apt-get install -y haproxy socat");
        } finally {
            th4.run("mv /usr/sbin/haproxy.hidden-by-hosts-it /usr/sbin/haproxy").orThrow();
        }
        assertThat(admin.checkHost("proxied", null, null).ok()).isTrue();
    }

    @Test
    void aChangedHostKeyFailsHostsCheckAtOnceThoughAPooledConnectionLivesAndIsRefusedUntilReTrusted() {
        TestHost th4 = hosts.get(3);
        String before = admin.addHost(new HostRequest("rekeyed", th4.address(), th4.port(), null, null)).host().fingerprint();
        admin.send("POST", "api/apps", AppRequest.create("rekeyapp", List.of("rekeyed")), new TypeReference<Map<String, Object>>() {});
        try {
            // a status read opens the pooled connection, which the rekey below leaves open (sshd keeps its sessions)
            assertThat(admin.status("rekeyapp").hosts()).singleElement().satisfies(h -> assertThat(h.error()).isNull());
            hosts.rekey(th4);
            String after = TestHostSetup.ed25519Fingerprint(th4);
            assertThat(after).isNotEqualTo(before);

            PreflightCheck login = check(admin.checkHost("rekeyed", null, null), "ssh login");
            assertThat(login.ok()).isFalse();
            assertThat(login.detail()).contains("host key changed").contains(before).contains(after)
                    .contains("deployer hosts trust rekeyed");
            // the check closed the pooled connection too: status (and deploys) get the same refusal, not the old session
            assertThat(admin.status("rekeyapp").hosts()).singleElement()
                    .satisfies(h -> assertThat(h.error()).contains("host key changed"));

            assertThatThrownBy(() -> admin.trustHost("rekeyed", "SHA256:" + "B".repeat(43)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
            assertThat(admin.trustHost("rekeyed", after).fingerprint()).isEqualTo(after);
            assertThat(admin.checkHost("rekeyed", null, null).ok()).isTrue();
            assertThat(admin.get("api/audit", new TypeReference<List<Map<String, Object>>>() {}))
                    .anySatisfy(entry -> assertThat(entry).containsEntry("action", "host.trust")
                            .containsEntry("detail", "fingerprint " + before + " -> " + after));
        } finally {
            admin.send("DELETE", "api/apps/rekeyapp", null, new TypeReference<Void>() {});
        }
    }

    @Test
    void removalIsRefusedWhileAnAppUsesTheHost() {
        TestHost th1 = hosts.get(0);
        admin.addHost(new HostRequest("in-use", th1.address(), th1.port(), null, null));
        admin.send("POST", "api/apps", AppRequest.create("hostsit", List.of("in-use")), new TypeReference<Map<String, Object>>() {});

        assertThatThrownBy(() -> admin.removeHost("in-use")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(409);
            assertThat(e.getMessage()).contains("hostsit");
        });
        assertThat(admin.host("in-use").apps()).containsExactly("hostsit");

        admin.send("DELETE", "api/apps/hostsit", null, new TypeReference<Void>() {});
        admin.removeHost("in-use");
        assertThat(admin.hosts()).extracting(Host::name).doesNotContain("in-use");
        assertThatThrownBy(() -> admin.removeHost("in-use"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(404));
    }

    private static PreflightCheck check(PreflightReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + report));
    }
}
