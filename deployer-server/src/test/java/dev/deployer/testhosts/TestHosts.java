package dev.deployer.testhosts;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The running test hosts handed to a test: {@code th1, th2, ...} in order. Resolve it as a test or
 * lifecycle method parameter under {@link TestHostsExtension} (or {@link WithTestHosts}).
 */
public final class TestHosts implements Iterable<TestHost> {

    private final List<TestHost> hosts;
    private final TestHostsScript script;

    TestHosts(List<TestHost> hosts, TestHostsScript script) {
        this.hosts = List.copyOf(hosts);
        this.script = script;
    }

    /** All hosts, in name order. */
    public List<TestHost> all() {
        return hosts;
    }

    /** The host at {@code index}, counting from 0 ({@code get(0)} is {@code th1}). */
    public TestHost get(int index) {
        return hosts.get(index);
    }

    /** The host named {@code name}, e.g. {@code "th2"}. */
    public TestHost byName(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no test host " + name + " in " + hosts));
    }

    public int size() {
        return hosts.size();
    }

    @Override
    public Iterator<TestHost> iterator() {
        return hosts.iterator();
    }

    /** The {@code scripts/testhosts} these hosts came from, for {@code rekey} and other commands. */
    public TestHostsScript script() {
        return script;
    }

    /**
     * Gives {@code host} fresh SSH host keys and restarts its sshd, for "host key changed" tests.
     * Other tests in the same JVM see the new key too; prefer a host no other test pins.
     */
    public void rekey(TestHost host) {
        script.rekey(host.name());
    }

    @Override
    public String toString() {
        return "TestHosts" + hosts.stream().map(h -> h.name() + "@" + h.address()).toList();
    }
}
