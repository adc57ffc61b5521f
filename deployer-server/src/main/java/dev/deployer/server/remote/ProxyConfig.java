package dev.deployer.server.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code /etc/deployer/APP/haproxy.cfg}: one frontend on the app's port, one backend
 * {@value #BACKEND} with servers {@code a} and {@code b}. The file always names the live slot (the
 * other server is {@code disabled}) and is rewritten before every runtime switch, so a reload, a
 * restart or a reboot comes up sending traffic where the last switch did. Pure: same spec, same bytes.
 */
public final class ProxyConfig {
    /** The backend the runtime API addresses, as {@code slots/a}. */
    public static final String BACKEND = "slots";
    /** Longest a request may take through the proxy before the client gets a 504 (and the idle client limit). */
    static final String REQUEST_TIMEOUT = "5m";
    /** Connections the proxy takes at once; it needs about two file descriptors each. */
    static final int MAX_CONNECTIONS = 4096;

    private ProxyConfig() {}

    public static String render(ProxySpec spec) {
        HostLayout layout = new HostLayout(spec.app());
        List<String> lines = new ArrayList<>(List.of(
                "# Written by deployer for app " + spec.app() + ": edits here are overwritten by the next switch.",
                "# The live slot is the server that is not disabled; deployer switches at runtime, then keeps this file in step.",
                "global",
                // -Ws runs in the foreground under systemd: stdout is the unit's journal.
                "    log stdout format raw local0 info",
                // Owner-only: root (deployer through sudo) talks to it; expose-fd lets a reload take over the listener seamlessly.
                "    stats socket " + layout.proxySocket() + " mode 600 level admin expose-fd listeners",
                "    stats timeout 10s",
                // A reload's old worker serves its in-flight requests at most this long.
                "    hard-stop-after " + (spec.drainTimeoutSeconds() + 5) + "s",
                "    maxconn " + MAX_CONNECTIONS,
                "",
                "defaults",
                // http, not tcp: each request picks a server, so a keep-alive client moves to the new slot at its next request.
                "    mode http",
                "    log global",
                "    option httplog",
                // Only failed or abnormal requests reach the journal.
                "    option dontlog-normal",
                "    option forwardfor",
                "    timeout connect 5s",
                "    timeout client " + REQUEST_TIMEOUT,
                "    timeout server " + REQUEST_TIMEOUT,
                "    timeout http-request 30s",
                "    timeout http-keep-alive 10s",
                "    timeout tunnel 1h",
                "",
                "frontend " + spec.app(),
                "    bind :" + spec.appPort(),
                "    default_backend " + BACKEND,
                "",
                // No health checks here: deployer's own gate decides which slot is live; haproxy only follows.
                "backend " + BACKEND));
        for (Slot slot : Slot.values()) {
            lines.add("    server " + slot.id() + " 127.0.0.1:" + spec.ports().port(slot) + (slot == spec.live() ? "" : " disabled"));
        }
        lines.add("");
        return String.join("\n", lines);
    }
}
