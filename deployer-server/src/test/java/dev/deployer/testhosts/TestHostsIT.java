package dev.deployer.testhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test hosts are what the deployer's integration tests assume: real, separate, systemd-run Debian hosts. */
@WithTestHosts(3)
class TestHostsIT {

    @Test
    void threeHostsEachWithItsOwnAddressAndHostKey(List<TestHost> hosts) {
        assertEquals(3, hosts.size());
        Set<String> addresses = new HashSet<>();
        Set<String> hostKeys = new HashSet<>();
        for (TestHost host : hosts) {
            addresses.add(host.address());
            assertEquals(host.name(), host.run("hostname").orThrow().out());
            String key = host.run("cat /etc/ssh/ssh_host_ed25519_key.pub").orThrow().out();
            assertTrue(key.startsWith("ssh-ed25519 "), key);
            hostKeys.add(key.split(" ")[1]);
            // The key file is the key sshd actually presents, so the product can pin it.
            String scanned = Processes.run(List.of("ssh-keyscan", "-t", "ed25519", "-p",
                    Integer.toString(host.port()), host.address()), Map.of(), Duration.ofSeconds(20), false, null)
                    .orThrow().out();
            assertTrue(scanned.contains(key.split(" ")[1]), "scanned " + scanned + " but file has " + key);
        }
        assertEquals(3, addresses.size(), "addresses " + addresses);
        assertEquals(3, hostKeys.size(), "host keys must differ per host");
    }

    @Test
    void systemdIsRunningWithoutFailedUnits(TestHosts hosts) {
        for (TestHost host : hosts) {
            CommandResult state = host.run("systemctl is-system-running");
            assertEquals("running", state.out(), host.name() + ": " + state.describe()
                    + "\nfailed: " + host.run("systemctl --failed --no-legend").out());
            assertEquals("systemd", host.run("cat /proc/1/comm").orThrow().out());
        }
    }

    @Test
    void transientUnitRunsAndItsJournalIsReadableOverSsh(TestHosts hosts) throws InterruptedException {
        TestHost host = hosts.get(1);
        String id = UUID.randomUUID().toString().substring(0, 8);
        String unit = "probe-" + id;
        host.run(List.of("systemd-run", "--unit=" + unit, "sh", "-c", "echo hello-" + id)).orThrow();
        String journal = "";
        for (int i = 0; i < 50 && !journal.contains("hello-" + id); i++) {
            Thread.sleep(100);
            journal = host.run(List.of("journalctl", "--no-pager", "-u", unit)).orThrow().out();
        }
        assertTrue(journal.contains("hello-" + id), "journal of " + unit + ":\n" + journal);
    }

    @Test
    void deployUserIsNotRootButHasPasswordlessSudo(TestHosts hosts) {
        for (TestHost host : hosts) {
            assertEquals("deploy", host.runAsDeploy("id -un").orThrow().out());
            assertEquals("root", host.runAsDeploy("sudo -n id -un").orThrow().out());
            host.runAsDeploy("sudo -n true").orThrow();
        }
    }

    @Test
    void javaIs17(TestHosts hosts) {
        CommandResult version = hosts.get(0).run("java -version").orThrow();
        assertTrue(version.stderr().contains("version \"17."), version.describe());
    }

    @Test
    void hostsReachEachOtherButNoOtherNetwork(TestHosts hosts) {
        TestHost first = hosts.get(0);
        TestHost second = hosts.get(1);
        String routes = first.run("ip route").orThrow().out();
        assertFalse(routes.contains("default"), "no default route expected:\n" + routes);
        String subnet = first.address().substring(0, first.address().lastIndexOf('.')) + ".0/24";
        assertEquals(List.of(subnet + " dev eth0 proto kernel scope link src " + first.address()),
                routes.lines().map(String::strip).toList());
        // Route lookup only; nothing is sent.
        CommandResult lookup = first.run("ip route get 192.0.2.1");
        assertFalse(lookup.ok(), lookup.describe());
        assertTrue(lookup.stderr().contains("unreachable"), lookup.describe());
        // Host to host on the bridge: th2's sshd answers th1.
        String probe = "timeout 5 bash -c 'head -c 7 </dev/tcp/" + second.address() + "/22'";
        String banner = first.run(probe).orThrow().out();
        assertEquals("SSH-2.0", banner);
    }

    /**
     * Brings up one host under a prefix and subnet of its own (not the shared th* hosts), checks that
     * {@code rekey} changes its host key, then {@code down} and looks for anything left behind.
     */
    @Test
    void downLeavesNothingBehind() throws IOException {
        TestHostsScript script = TestHostsScript.locate().withEnv(Map.of(
                "TESTHOSTS_PREFIX", "tc", "TESTHOSTS_SUBNET", "10.213.9", "TESTHOSTS_BRIDGE", "dtbr9"));
        Path hostDir;
        try {
            CommandResult up = script.up(1);
            assertTrue(up.ok(), up.describe());
            List<TestHostsScript.Entry> listed = script.list();
            assertEquals(1, listed.size(), listed.toString());
            assertTrue(listed.get(0).running(), listed.toString());
            TestHost host = listed.get(0).host();
            assertEquals("tc1", host.name());
            assertEquals("10.213.9.11", host.address());
            hostDir = host.privateKey().getParent().resolve("hosts").resolve("tc1");
            assertTrue(Files.isDirectory(hostDir), hostDir.toString());

            String before = host.run("cat /etc/ssh/ssh_host_ed25519_key.pub").orThrow().out();
            script.rekey("tc1");
            String after = host.run("cat /etc/ssh/ssh_host_ed25519_key.pub").orThrow().out();
            assertNotEquals(before, after, "rekey must change the host key");
        } finally {
            CommandResult down = script.down();
            assertTrue(down.ok(), down.describe());
        }

        assertEquals(List.of(), processesMentioning(hostDir.toString()), "processes left");
        String mounts = Files.readString(Path.of("/proc/mounts"));
        assertFalse(mounts.contains(hostDir.toString()), "mounts left:\n" + mounts);
        assertFalse(mounts.contains("/run/netns/dt-tc1"), "netns mount left:\n" + mounts);
        String netns = Processes.run(List.of("ip", "netns", "list"), Map.of(), Duration.ofSeconds(10), false, null)
                .orThrow().out();
        assertFalse(netns.contains("dt-tc1"), "netns left: " + netns);
        String links = Processes.run(List.of("ip", "-o", "link"), Map.of(), Duration.ofSeconds(10), false, null)
                .orThrow().out();
        assertFalse(links.contains("dt-tc1"), "veth left:\n" + links);
        assertFalse(links.contains("dtbr9"), "bridge left:\n" + links);
        for (String path : List.of("/sys/fs/cgroup/unified/testhosts/tc1", "/sys/fs/cgroup/systemd/testhosts/tc1",
                "/run/systemd/nspawn/propagate/tc1", hostDir.toString())) {
            assertFalse(Files.exists(Path.of(path)), path + " left behind");
        }
    }

    /** Command lines of processes that mention {@code needle} (like {@code pgrep -af}). */
    private static List<String> processesMentioning(String needle) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                } catch (IOException gone) {
                    continue; // exited meanwhile
                }
                if (cmdline.contains(needle)) {
                    found.add(proc.getFileName() + ": " + cmdline);
                }
            }
        }
        return found;
    }
}
