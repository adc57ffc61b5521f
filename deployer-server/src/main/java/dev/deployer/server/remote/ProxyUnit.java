package dev.deployer.server.remote;

/**
 * The text of {@code deployer-APP-proxy.service}: HAProxy in master-worker mode ({@code -Ws},
 * {@code Type=notify}) on the app's config, as the unprivileged {@code haproxy} user the Debian
 * package creates. A reload checks the config first and then re-execs seamlessly (USR2): the
 * listener stays open, old connections finish in the old worker. Pure.
 */
public final class ProxyUnit {
    private ProxyUnit() {}

    public static String render(String app) {
        HostLayout layout = new HostLayout(app);
        String config = layout.proxyConfig();
        return String.join("\n",
                "# Written by deployer for app " + app + ": edits here are overwritten by the next deploy.",
                "[Unit]",
                "Description=deployer proxy for app " + app,
                "Wants=network-online.target",
                "After=network-online.target",
                "",
                "[Service]",
                "Type=notify",
                "User=haproxy",
                "Group=haproxy",
                "RuntimeDirectory=" + layout.proxyRuntimeDirectoryName(),
                "ExecStartPre=" + HostLayout.HAPROXY + " -c -q -f " + config,
                "ExecStart=" + HostLayout.HAPROXY + " -Ws -f " + config + " -p " + layout.proxyPidFile(),
                "ExecReload=" + HostLayout.HAPROXY + " -c -q -f " + config,
                "ExecReload=/bin/kill -USR2 $MAINPID",
                // The master gets SIGTERM, the workers finish; 143 = 128 + SIGTERM is a clean stop.
                "KillMode=mixed",
                "SuccessExitStatus=143",
                "Restart=always",
                "RestartSec=2",
                "SyslogIdentifier=" + app + "@proxy",
                "NoNewPrivileges=yes",
                "PrivateTmp=yes",
                "ProtectSystem=strict",
                "ProtectHome=yes",
                // App ports are 1024 and up: no capability needed to bind them.
                "CapabilityBoundingSet=",
                "",
                "[Install]",
                "WantedBy=multi-user.target",
                "");
    }
}
