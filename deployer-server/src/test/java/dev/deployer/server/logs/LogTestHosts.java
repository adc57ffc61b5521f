package dev.deployer.server.logs;

import dev.deployer.testhosts.CommandResult;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHostsScript;
import java.util.List;
import java.util.Map;

/**
 * Test hosts of the logs tests' own set ({@code lg1..lg3} on 10.213.7.0/24): these tests cut SSH
 * connections and count processes on their hosts, and must not be disturbed by, or disturb, other
 * tests re-creating the shared {@code th*} hosts.
 */
final class LogTestHosts implements AutoCloseable {
    private final TestHostsScript script = TestHostsScript.locate()
            .withEnv(Map.of("TESTHOSTS_PREFIX", "lg", "TESTHOSTS_SUBNET", "10.213.7", "TESTHOSTS_BRIDGE", "dtbr7"));
    private final List<TestHost> hosts;
    private final boolean startedHere;

    private LogTestHosts(int count) {
        List<TestHostsScript.Entry> listed = script.list();
        boolean running = listed.size() >= count && listed.subList(0, count).stream().allMatch(TestHostsScript.Entry::running);
        if (!running) {
            CommandResult up = script.up(count);
            if (!up.ok()) {
                throw new IllegalStateException("test hosts lg1..lg" + count + " did not come up:\n" + up.tail(40));
            }
        }
        startedHere = !running;
        hosts = script.list().subList(0, count).stream().map(TestHostsScript.Entry::host).toList();
    }

    static LogTestHosts up(int count) {
        return new LogTestHosts(count);
    }

    List<TestHost> all() {
        return hosts;
    }

    TestHost get(int index) {
        return hosts.get(index);
    }

    /** Takes the hosts down if this JVM brought them up, unless {@code -Dtesthosts.keep=true}. */
    @Override
    public void close() {
        if (startedHere && !Boolean.getBoolean("testhosts.keep")) {
            script.down();
        }
    }
}
