package dev.deployer.server.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands that run an app's Procfile process types other than web on a host: instances of the templates
 * {@code deployer-APP-TYPE@.service}, listed, started, checked and stopped. Pure; the caller runs them privileged.
 */
public final class ProcessCommands {
    private ProcessCommands() {}

    /** An instance unit of {@code app}'s processes: its type and number, or empty for any other name. */
    public record Instance(String type, int number) {}

    /**
     * {@code deployer-APP-*@[0-9]*.service}: a glob systemctl and journalctl match against every instance of every type.
     * It also matches the process instances of an app whose name goes on after {@code APP-}: keep only what
     * {@link #parse} (or {@link #ownedBy}) accepts.
     */
    public static String instanceGlob(String app) {
        return new HostLayout(app).processPrefix() + "*@[0-9]*.service";
    }

    /** Whether {@code unit} is one of {@code app}'s own units: its web unit, a slot, a process instance or a cron service. */
    public static boolean ownedBy(String app, String unit) {
        return typeOf(app, unit).isPresent();
    }

    /** Which of {@code app}'s process types {@code unit} runs: {@code web} (its unit or a slot), a Procfile type, or {@code cron}. */
    public static Optional<String> typeOf(String app, String unit) {
        HostLayout layout = new HostLayout(app);
        if (unit.equals(layout.unitName()) || unit.equals(layout.slotUnitName(Slot.A)) || unit.equals(layout.slotUnitName(Slot.B))) {
            return Optional.of(WEB);
        }
        if (unit.endsWith(".service") && CronCommands.parse(app, unit).isPresent()) {
            return Optional.of(CRON);
        }
        return parse(app, unit).map(Instance::type);
    }

    /** The type names {@code deployer logs --type} knows besides the Procfile's own. */
    public static final String WEB = "web";
    public static final String CRON = "cron";

    /** Every instance systemd knows of (running, failed or merely loaded), one unit name first on each line. */
    public static RemoteCommand listInstances(String app) {
        return RemoteCommand.of("systemctl", "list-units", "--all", "--plain", "--no-legend", "--full", "--type=service", "--",
                instanceGlob(app));
    }

    /** The template files on the host, one file name a line. */
    public static RemoteCommand listTemplates(String app) {
        return RemoteCommand.of("find", HostLayout.UNIT_DIR, "-maxdepth", "1", "-name", new HostLayout(app).processPrefix() + "*@.service",
                "-printf", "%f\\n");
    }

    /** The instance a unit name is, when it is one of {@code app}'s. */
    public static Optional<Instance> parse(String app, String unit) {
        Matcher m = Pattern.compile("^" + Pattern.quote(new HostLayout(app).processPrefix()) + "([a-z][a-z0-9_]{0,29})@([0-9]{1,2})\\.service$")
                .matcher(unit);
        return m.matches() ? Optional.of(new Instance(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    /** The type a template file name is of, when it is one of {@code app}'s. */
    public static Optional<String> templateType(String app, String file) {
        Matcher m = Pattern.compile("^" + Pattern.quote(new HostLayout(app).processPrefix()) + "([a-z][a-z0-9_]{0,29})@\\.service$")
                .matcher(file);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Enabled (so a reboot starts them) and restarted: a stopped instance starts, a running one restarts on the new release. */
    public static RemoteCommand restart(List<String> units) {
        return RemoteCommand.and(RemoteCommand.of(words("enable", units, "--no-reload")), systemctl("restart", units));
    }

    /** Stopped and disabled; run allowing failure (an instance may be gone already). */
    public static RemoteCommand stop(List<String> units) {
        return RemoteCommand.of(words("disable", units, "--now"));
    }

    /** One word per unit, {@code active}, {@code activating}, {@code failed}...; exits non-zero unless all are active. */
    public static RemoteCommand isActive(List<String> units) {
        return systemctl("is-active", units);
    }

    /** Removes template files (after their instances stopped). */
    public static RemoteCommand removeTemplates(List<String> files) {
        List<String> words = new ArrayList<>(List.of("rm", "-f", "--"));
        files.forEach(file -> words.add(HostLayout.UNIT_DIR + "/" + file));
        return RemoteCommand.of(words);
    }

    private static RemoteCommand systemctl(String verb, List<String> units) {
        return RemoteCommand.of(words(verb, units));
    }

    private static List<String> words(String verb, List<String> units, String... options) {
        if (units.isEmpty()) {
            throw new IllegalArgumentException("name at least one unit");
        }
        List<String> words = new ArrayList<>(List.of("systemctl", verb));
        words.addAll(List.of(options));
        words.add("--");
        for (String unit : units) {
            words.add(HostCommands.systemctl(verb, unit).words().get(3)); // checked as a unit name there
        }
        return words;
    }
}
