package dev.deployer.server.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands that keep an app's cron entries on a host: {@code deployer-APP@cron-N.service} (oneshot) and its
 * {@code .timer}, listed by their files, started, and removed. Every name that starts {@code deployer-APP@} is this
 * app's (app names hold no '@'); what a listing returns is still kept only when {@link #parse} accepts it. Pure.
 */
public final class CronCommands {
    /** Where {@code systemctl enable} links a timer ({@code WantedBy=timers.target}). */
    static final String TIMERS_WANTS = HostLayout.UNIT_DIR + "/timers.target.wants";

    private CronCommands() {}

    public static String serviceGlob(String app) {
        return new HostLayout(app).cronPrefix() + "[0-9]*.service";
    }

    public static String timerGlob(String app) {
        return new HostLayout(app).cronPrefix() + "[0-9]*.timer";
    }

    /** The entry number a unit (or unit file) name is of, when it is one of {@code app}'s cron units. */
    public static Optional<Integer> parse(String app, String unit) {
        Matcher m = Pattern.compile("^" + Pattern.quote(new HostLayout(app).cronPrefix()) + "([1-9][0-9]?)\\.(service|timer)$").matcher(unit);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The cron unit files on the host, one file name a line (keep what {@link #parse} accepts). */
    public static RemoteCommand listFiles(String app) {
        return RemoteCommand.of("find", HostLayout.UNIT_DIR, "-maxdepth", "1", "-name", new HostLayout(app).cronPrefix() + "*",
                "-printf", "%f\\n");
    }

    /** Enabled (a reboot keeps them) and restarted, so a changed schedule counts from now. */
    public static RemoteCommand startTimers(String app, List<Integer> entries) {
        List<String> timers = timers(app, entries);
        // --no-reload: CronRollout reloads systemd itself when a file changed (a plain enable reloads it every time).
        List<String> enable = new ArrayList<>(List.of("systemctl", "enable", "--no-reload", "--"));
        enable.addAll(timers);
        return RemoteCommand.and(RemoteCommand.of(enable), systemctl("restart", timers));
    }

    /**
     * Stops the timers and the services of {@code entries} (a running job is ended: its entry is gone); run allowing
     * failure, then {@link #removeFiles}.
     */
    public static RemoteCommand stop(String app, List<Integer> entries) {
        HostLayout layout = new HostLayout(app);
        List<String> units = new ArrayList<>(timers(app, entries));
        entries.forEach(n -> units.add(layout.cronServiceName(n)));
        return systemctl("stop", units);
    }

    /** Removes the unit files of {@code entries} and their timers' boot links, then reloads systemd. */
    public static RemoteCommand removeFiles(String app, List<Integer> entries) {
        HostLayout layout = new HostLayout(app);
        List<String> words = new ArrayList<>(List.of("rm", "-f", "--"));
        for (int n : entries) {
            words.add(HostLayout.UNIT_DIR + "/" + layout.cronServiceName(n));
            words.add(HostLayout.UNIT_DIR + "/" + layout.cronTimerName(n));
            words.add(TIMERS_WANTS + "/" + layout.cronTimerName(n));
        }
        return RemoteCommand.of(words).then(HostCommands.daemonReload());
    }

    private static List<String> timers(String app, List<Integer> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("name at least one cron entry");
        }
        HostLayout layout = new HostLayout(app);
        return entries.stream().map(layout::cronTimerName).toList();
    }

    private static RemoteCommand systemctl(String verb, List<String> units) {
        List<String> words = new ArrayList<>(List.of("systemctl", verb, "--"));
        words.addAll(units);
        return RemoteCommand.of(words);
    }
}
