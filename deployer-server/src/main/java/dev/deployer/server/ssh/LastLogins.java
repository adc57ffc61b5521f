package dev.deployer.server.ssh;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per host, whether the server's most recent SSH login to it (for a deploy step, a status read, logs or a check)
 * succeeded. A pooled connection is reused without logging in again, so a host that went down shows here at the
 * next step that needs a new connection. Hosts not tried since the server started are absent.
 */
public final class LastLogins {
    private final ConcurrentMap<String, Boolean> byHost = new ConcurrentHashMap<>();

    void succeeded(String host) {
        byHost.put(host, true);
    }

    void failed(String host) {
        byHost.put(host, false);
    }

    void forget(String host) {
        byHost.remove(host);
    }

    /** Host name to whether its last login succeeded, sorted by name. */
    public Map<String, Boolean> snapshot() {
        return new TreeMap<>(byHost);
    }
}
