package dev.deployer.server.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code deployer-APP.service}. Pure: the same app settings always give the same
 * bytes, so the deploy compares texts to decide whether {@code daemon-reload} is needed.
 */
public final class SystemdUnit {
    /**
     * What a unit is rendered from: the app's name, its JVM options as words (each already checked to be a plain JVM
     * option: the app's settings do that when they are saved), and the words of its Procfile's {@code web} command
     * (empty: the default {@code java OPTIONS -jar app.jar}).
     */
    public record Spec(String app, List<String> javaOptions, List<String> command) {
        public Spec {
            javaOptions = List.copyOf(javaOptions);
            command = List.copyOf(command);
        }

        public Spec(String app, List<String> javaOptions) {
            this(app, javaOptions, List.of());
        }
    }

    /**
     * Hardening a plain JVM tolerates: the app writes only its state dir and its private /tmp. Every process of an
     * app (its unit, its Procfile processes, the release phase, a one-off run) gets the same list, so they cannot drift
     * apart; a transient unit gets each as {@code -p}.
     */
    public static final List<String> HARDENING = List.of("NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectSystem=strict",
            "ProtectHome=yes");

    /** SIGTERM starts the JVM's shutdown hooks; this is how long they get to drain before SIGKILL. */
    static final int STOP_TIMEOUT_SECONDS = 30;

    private SystemdUnit() {}

    public static String render(Spec app) {
        HostLayout layout = new HostLayout(app.app());
        if (app.command().isEmpty()) {
            // Byte for byte what it was before Procfiles: an app without one never restarts because of them.
            return unit(layout, "deployer app " + app.app(), List.of(
                    "StateDirectory=" + layout.stateDirectoryName(),
                    "WorkingDirectory=" + layout.stateDir(),
                    "ExecStart=" + execStart(app, layout)), app.app());
        }
        return unit(layout, "deployer app " + app.app(), commandLines(layout, app.command()), app.app());
    }

    /**
     * The template {@code deployer-APP-TYPE@.service} of a Procfile process type other than {@code web}: the web unit's
     * user, env file and hardening, its own command, one instance per {@code %i} ({@code @1}, {@code @2}, ...).
     */
    public static String forProcess(String app, String type, List<String> command) {
        HostLayout layout = new HostLayout(app);
        layout.processTemplateName(type);
        return unit(layout, "deployer app " + app + " process " + type + " (instance %i)", commandLines(layout, command),
                app + "-" + type);
    }

    /** A Procfile command runs in the release (so {@code app.jar} is the release's), with {@code JAR} naming it. */
    private static List<String> commandLines(HostLayout layout, List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a process needs a command");
        }
        return List.of(
                "Environment=" + JAR_ENV + layout.currentJar(),
                "StateDirectory=" + layout.stateDirectoryName(),
                "WorkingDirectory=" + layout.current(),
                "ExecStart=" + String.join(" ", command.stream().map(SystemdUnit::quotedForExecStart).toList()));
    }

    private static String unit(HostLayout layout, String description, List<String> run, String identifier) {
        List<String> lines = head(layout, description, "exec");
        lines.addAll(run);
        lines.addAll(List.of("Restart=on-failure", "RestartSec=5"));
        lines.addAll(tail(identifier));
        lines.addAll(List.of("", "[Install]", "WantedBy=multi-user.target", ""));
        return String.join("\n", lines);
    }

    private static List<String> head(HostLayout layout, String description, String type) {
        return new ArrayList<>(List.of(
                "# Written by deployer for app " + layout.app() + ": edits here are overwritten by the next release.",
                "[Unit]",
                "Description=" + description,
                "Wants=network-online.target",
                "After=network-online.target",
                "",
                "[Service]",
                "Type=" + type,
                "User=" + layout.user(),
                "Group=" + layout.user(),
                "EnvironmentFile=" + layout.envFile()));
    }

    private static List<String> tail(String identifier) {
        List<String> lines = new ArrayList<>(List.of(
                // 143 = 128 + SIGTERM: how a JVM exits when systemd stops it; that is a clean stop, not a failure.
                "SuccessExitStatus=143",
                "TimeoutStopSec=" + STOP_TIMEOUT_SECONDS,
                "StandardOutput=journal",
                "StandardError=journal",
                "SyslogIdentifier=" + identifier));
        // Hardening a plain JVM tolerates: the app writes only its state dir and its private /tmp.
        lines.addAll(HARDENING);
        return lines;
    }

    /**
     * {@code deployer-APP@cron-N.service}: one run of cron entry {@code entry}, started by its timer. A Procfile
     * process's user, env file, hardening and working directory; {@code Type=oneshot}, so the unit is "activating"
     * while the command runs and the timer's next start meets a unit still starting: systemd runs no second copy.
     * No restart, no [Install]: only its timer starts it.
     */
    public static String forCron(String app, int entry, List<String> command) {
        HostLayout layout = new HostLayout(app);
        layout.cronServiceName(entry);
        List<String> lines = head(layout, "deployer app " + app + " cron entry " + entry, "oneshot");
        lines.addAll(commandLines(layout, command));
        lines.addAll(tail(app + "-cron"));
        lines.add("");
        return String.join("\n", lines);
    }

    /**
     * Who an app's process runs as and with what, as every unit above says it: its user and group, its env file, its
     * state dir. A transient unit (a one-off run) gets these as {@code -p}, with {@link #HARDENING}.
     */
    public static List<String> identity(HostLayout layout, String envFile) {
        return List.of("User=" + layout.user(), "Group=" + layout.user(), "EnvironmentFile=" + envFile,
                "StateDirectory=" + layout.stateDirectoryName());
    }

    /**
     * {@code deployer-APP@cron-N.timer}: starts the entry's service at {@code calendar} (an {@code OnCalendar=} value
     * made from the cron schedule), host local time like cron. {@code Persistent=false}: a run missed while the host was
     * down is not made up at boot; {@code AccuracySec=1s}: systemd's default would allow a minute.
     */
    public static String cronTimer(String app, int entry, String calendar) {
        HostLayout layout = new HostLayout(app);
        if (!calendar.matches("^[A-Za-z0-9*,./: -]{1,300}$")) {
            throw new IllegalArgumentException("not a calendar expression: '" + calendar + "'");
        }
        return String.join("\n", List.of(
                "# Written by deployer for app " + app + ": edits here are overwritten by the next release.",
                "[Unit]",
                "Description=deployer app " + app + " cron entry " + entry + " schedule",
                "",
                "[Timer]",
                "OnCalendar=" + calendar,
                "Persistent=false",
                "AccuracySec=1s",
                "Unit=" + layout.cronServiceName(entry),
                "",
                "[Install]",
                "WantedBy=timers.target",
                ""));
    }

    /** Set in every Procfile process's unit: the jar of the release it runs. */
    static final String JAR_ENV = "JAR=";

    private static String execStart(Spec app, HostLayout layout) {
        List<String> words = new ArrayList<>();
        words.add(HostLayout.JAVA);
        words.addAll(app.javaOptions());
        words.add("-jar");
        words.add(layout.currentJar());
        return String.join(" ", words.stream().map(SystemdUnit::forExecStart).toList());
    }

    /**
     * One word of a Procfile command as {@code ExecStart=} reads it back as exactly that word: in double quotes, with
     * {@code \\} and {@code "} escaped and {@code %} doubled (no specifier expands). {@code $VAR} and {@code ${VAR}} are left to
     * systemd's environment substitution ({@code $$} is a literal dollar). A control character is refused: no word
     * may end the line and start another directive in a unit root writes.
     */
    public static String quotedForExecStart(String word) {
        for (char c : word.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("a command word holds a control character (code " + (int) c + ")");
            }
        }
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%") + "\"";
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
        String jarEnv = "\nEnvironment=" + JAR_ENV + layout.currentJar() + "\n";
        String workDir = "\nWorkingDirectory=" + layout.current() + "\n";
        boolean procfile = unitText.contains(jarEnv) && unitText.contains(workDir);
        if (!unitText.contains("\n" + envLine + "\n") || !(procfile || unitText.contains(jar + "\n"))
                || !unitText.contains("\n" + description + "\n")) {
            throw new IllegalArgumentException("the release's unit of " + app + " was not written by this deployer's "
                    + "renderer; deploy a new build to get one");
        }
        String slot = unitText
                .replace("\n" + description + "\n", "\n" + description + " (slot %i)\n")
                .replace("\n" + envLine + "\n", "\nEnvironmentFile=" + layout.etcDir() + "/slot-%i.env\n");
        return procfile
                ? slot.replace(jarEnv, "\nEnvironment=" + JAR_ENV + layout.appDir() + "/slot-%i/app.jar\n")
                        .replace(workDir, "\nWorkingDirectory=" + layout.appDir() + "/slot-%i\n")
                : slot.replace(jar + "\n", " -jar " + layout.appDir() + "/slot-%i/app.jar\n");
    }
}
