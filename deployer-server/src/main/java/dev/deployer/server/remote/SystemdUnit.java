package dev.deployer.server.remote;

import dev.deployer.server.apps.App;
import dev.deployer.server.apps.JavaOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code deployer-APP.service}. Pure: the same app settings always give the same
 * bytes, so the deploy compares texts to decide whether {@code daemon-reload} is needed.
 */
public final class SystemdUnit {
    /** SIGTERM starts the JVM's shutdown hooks; this is how long they get to drain before SIGKILL. */
    static final int STOP_TIMEOUT_SECONDS = 30;

    private SystemdUnit() {}

    public static String render(App app) {
        HostLayout layout = new HostLayout(app.name());
        return String.join("\n",
                "# Written by deployer for app " + app.name() + ": edits here are overwritten by the next release.",
                "[Unit]",
                "Description=deployer app " + app.name(),
                "Wants=network-online.target",
                "After=network-online.target",
                "",
                "[Service]",
                "Type=exec",
                "User=" + layout.user(),
                "Group=" + layout.user(),
                "EnvironmentFile=" + layout.envFile(),
                "StateDirectory=" + layout.stateDirectoryName(),
                "WorkingDirectory=" + layout.stateDir(),
                "ExecStart=" + execStart(app, layout),
                "Restart=on-failure",
                "RestartSec=5",
                // 143 = 128 + SIGTERM: how a JVM exits when systemd stops it; that is a clean stop, not a failure.
                "SuccessExitStatus=143",
                "TimeoutStopSec=" + STOP_TIMEOUT_SECONDS,
                "StandardOutput=journal",
                "StandardError=journal",
                "SyslogIdentifier=" + app.name(),
                // Hardening a plain JVM tolerates: the app writes only its state dir and its private /tmp.
                "NoNewPrivileges=yes",
                "PrivateTmp=yes",
                "ProtectSystem=strict",
                "ProtectHome=yes",
                "",
                "[Install]",
                "WantedBy=multi-user.target",
                "");
    }

    private static String execStart(App app, HostLayout layout) {
        List<String> words = new ArrayList<>();
        words.add(HostLayout.JAVA);
        words.addAll(JavaOptions.words(app.javaOptions()));
        words.add("-jar");
        words.add(layout.currentJar());
        return String.join(" ", words.stream().map(JavaOptions::forExecStart).toList());
    }
}
