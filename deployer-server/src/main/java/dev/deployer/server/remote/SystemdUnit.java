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

    /**
     * Hardening a plain JVM tolerates: the app writes only its state dir and its private /tmp. Every process of an
     * app (its unit, a one-off run) gets the same list, so they cannot drift apart.
     */
    public static final List<String> HARDENING = List.of("NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectSystem=strict",
            "ProtectHome=yes");

    /** SIGTERM starts the JVM's shutdown hooks; this is how long they get to drain before SIGKILL. */
    static final int STOP_TIMEOUT_SECONDS = 30;

    private SystemdUnit() {}

    public static String render(Spec app) {
        HostLayout layout = new HostLayout(app.app());
        List<String> lines = new ArrayList<>(List.of(
                "# Written by deployer for app " + app.app() + ": edits here are overwritten by the next release.",
                "[Unit]",
                "Description=deployer app " + app.app(),
                "Wants=network-online.target",
                "After=network-online.target",
                "",
                "[Service]",
                "Type=exec"));
        lines.addAll(identity(layout, layout.envFile()));
        lines.addAll(List.of(
                "WorkingDirectory=" + layout.stateDir(),
                "ExecStart=" + execStart(app, layout),
                "Restart=on-failure",
                "RestartSec=5",
                // 143 = 128 + SIGTERM: how a JVM exits when systemd stops it; that is a clean stop, not a failure.
                "SuccessExitStatus=143",
                "TimeoutStopSec=" + STOP_TIMEOUT_SECONDS,
                "StandardOutput=journal",
                "StandardError=journal",
                "SyslogIdentifier=" + app.app()));
        lines.addAll(HARDENING);
        lines.addAll(List.of("", "[Install]", "WantedBy=multi-user.target", ""));
        return String.join("\n", lines);
    }

    /** Who an app's process runs as and with what: its user and group, its env file, its state dir. */
    public static List<String> identity(HostLayout layout, String envFile) {
        return List.of("User=" + layout.user(), "Group=" + layout.user(), "EnvironmentFile=" + envFile,
                "StateDirectory=" + layout.stateDirectoryName());
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

    /**
     * The unit of one zero-downtime slot, from a release's unit text (what {@link #render} made): the same
     * service, reading the slot's own env file (its PORT is the slot's) and starting the jar the slot's link
     * points at. Written as {@code deployer-APP@a.service}, where systemd fills {@code %i} with the slot.
     * Pure, so the release stays the one record of what runs; a text {@link #render} did not make is refused.
     */
    public static String forSlot(String unitText, String app) {
        HostLayout layout = new HostLayout(app);
        String envLine = "EnvironmentFile=" + layout.envFile();
        String jar = " -jar " + layout.currentJar();
        String description = "Description=deployer app " + app;
        if (!unitText.contains("\n" + envLine + "\n") || !unitText.contains(jar + "\n")
                || !unitText.contains("\n" + description + "\n")) {
            throw new IllegalArgumentException("the release's unit of " + app + " was not written by this deployer's "
                    + "renderer; deploy a new build to get one");
        }
        return unitText
                .replace("\n" + description + "\n", "\n" + description + " (slot %i)\n")
                .replace("\n" + envLine + "\n", "\nEnvironmentFile=" + layout.etcDir() + "/slot-%i.env\n")
                .replace(jar + "\n", " -jar " + layout.appDir() + "/slot-%i/app.jar\n");
    }
}
