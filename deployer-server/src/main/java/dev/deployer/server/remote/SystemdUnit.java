package dev.deployer.server.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code deployer-APP.service}. Pure: the same app settings always give the same
 * bytes, so the deploy compares texts to decide whether {@code daemon-reload} is needed.
 */
public final class SystemdUnit {
    /**
     * What a unit is rendered from: the app's name and its JVM options as words, each already
     * checked to be a plain JVM option (the app's settings do that when they are saved).
     */
    public record Spec(String app, List<String> javaOptions) {
        public Spec {
            javaOptions = List.copyOf(javaOptions);
        }
    }

    /** SIGTERM starts the JVM's shutdown hooks; this is how long they get to drain before SIGKILL. */
    static final int STOP_TIMEOUT_SECONDS = 30;

    private SystemdUnit() {}

    public static String render(Spec app) {
        HostLayout layout = new HostLayout(app.app());
        return String.join("\n",
                "# Written by deployer for app " + app.app() + ": edits here are overwritten by the next release.",
                "[Unit]",
                "Description=deployer app " + app.app(),
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
                "SyslogIdentifier=" + app.app(),
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

    private static String execStart(Spec app, HostLayout layout) {
        List<String> words = new ArrayList<>();
        words.add(HostLayout.JAVA);
        words.addAll(app.javaOptions());
        words.add("-jar");
        words.add(layout.currentJar());
        return String.join(" ", words.stream().map(SystemdUnit::forExecStart).toList());
    }

    /** One checked word as {@code ExecStart=} must spell it: {@code %} and {@code $} doubled, so neither is expanded. */
    static String forExecStart(String word) {
        return word.replace("%", "%%").replace("$", "$$");
    }
}
