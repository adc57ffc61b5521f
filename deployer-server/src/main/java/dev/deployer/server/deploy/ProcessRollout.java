package dev.deployer.server.deploy;

import dev.deployer.server.apps.App;
import dev.deployer.server.build.Formation;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.CronCommands;
import dev.deployer.server.remote.EnvFile;
import dev.deployer.server.remote.HostCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ProcessCommands;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.remote.SystemdUnit;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A release's process types other than web, on one host, once its web process serves it: each type's template
 * written, instances 1..N (the release's formation) restarted on it, instances above N and types the release does
 * not have stopped and disabled. An instance that is not {@code active} shortly after its start fails the host.
 */
public class ProcessRollout {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final HostAccess ssh;
    private final Duration settle;
    private final CronRollout cron;

    /** {@code settle}: how long after the restart an instance must still be running (an instant crash shows by then). */
    public ProcessRollout(HostAccess ssh, Duration settle) {
        this.ssh = ssh;
        this.settle = settle;
        this.cron = new CronRollout(ssh);
    }

    /** Makes the host run {@code release}'s processes and cron entries; empty: none (a first deploy reverted). */
    public void apply(HostTarget host, App app, Optional<Release> release, Map<String, Secret> config, StepLog log) {
        apply(host, app, release, config, listed(host, app.name()), log);
    }

    /** {@link #apply} with the host's units as {@link #listing} printed them earlier in this deployment (no round trip). */
    public void apply(HostTarget host, App app, Optional<Release> release, Map<String, Secret> config, List<String> listed,
                      StepLog log) {
        Changes changes = changes(app.name(), release, listed);
        if (!changes.none()) {
            processes(host, app, config, changes, log);
        }
        cron.apply(host, app, release, config, listed, log);
    }

    private void processes(HostTarget host, App app, Map<String, Secret> config, Changes changes, StepLog log) {
        boolean root = host.root();
        log.step(host, "processes", () -> {
            HostLayout layout = new HostLayout(app.name());
            if (!changes.stop().isEmpty()) {
                ssh.runAllowingFailure(host, "processes", ProcessCommands.stop(changes.stop()).privileged(root), STEP_TIMEOUT);
            }
            boolean reload = !changes.stale().isEmpty();
            if (!changes.stale().isEmpty()) {
                ssh.run(host, "processes", ProcessCommands.removeTemplates(changes.stale()).privileged(root), STEP_TIMEOUT);
            }
            if (!changes.wanted().isEmpty()) {
                // The same env file as the web unit's; with slots nothing else writes it, so it is written here too.
                ssh.writeFile(host, "processes", layout.envFile(), EnvFile.render(config, app.port()), "0600", "root:root");
            }
            for (Map.Entry<String, List<String>> type : changes.wanted().entrySet()) {
                reload |= writeIfChanged(ssh, host, "processes", HostLayout.UNIT_DIR + "/" + layout.processTemplateName(type.getKey()),
                        SystemdUnit.forProcess(app.name(), type.getKey(), type.getValue()));
            }
            if (reload) {
                ssh.run(host, "processes", HostCommands.daemonReload().privileged(root), STEP_TIMEOUT);
            }
            if (!changes.start().isEmpty()) {
                ssh.run(host, "processes", ProcessCommands.restart(changes.start()).privileged(root), STEP_TIMEOUT);
                check(host, changes.start());
            }
            return summary(changes.counts(), changes.start(), changes.stop());
        });
    }

    /**
     * What {@link #apply} does on a host: the types wanted (their command words) and counts, the instances it stops,
     * the templates of types gone it removes, the instances it (re)starts. {@code none}: nothing at all to do.
     */
    record Changes(Map<String, List<String>> wanted, Map<String, Integer> counts, List<String> stop, List<String> stale,
                   List<String> start) {
        boolean none() {
            return wanted.isEmpty() && stop.isEmpty() && stale.isEmpty();
        }
    }

    /** One round trip, read-only: instance unit names, template file names ({@code ...@.service}), cron unit files. */
    List<String> listed(HostTarget host, String app) {
        return listedIn(ssh.runAllowingFailure(host, "processes", listing(app).privileged(host.root()), STEP_TIMEOUT).stdout());
    }

    /** The app's process instances, process templates and cron files on a host: one name a line, first word. */
    static RemoteCommand listing(String app) {
        return ProcessCommands.listInstances(app).then(ProcessCommands.listTemplates(app)).then(CronCommands.listFiles(app));
    }

    /**
     * The first word of each line {@link #listing} printed. Other lines may share the output (a staging round trip
     * prints more): whatever is read from this list is matched against the app's exact unit and file names.
     */
    static List<String> listedIn(String stdout) {
        return stdout.lines().map(line -> line.strip().split("\\s+")[0]).filter(u -> !u.isEmpty()).toList();
    }

    /** Pure: what making {@code release}'s processes run does on a host that {@link #listed} {@code listed}. */
    static Changes changes(String app, Optional<Release> release, List<String> listed) {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Formation formation = release.map(Release::scale).orElse(Formation.NONE);
        release.flatMap(Release::procfile).map(Procfile::others).orElse(List.of()).forEach(p -> {
            wanted.put(p.type(), p.words());
            counts.put(p.type(), formation.count(p.type()));
        });
        List<String> running = listed.stream().filter(u -> ProcessCommands.parse(app, u).isPresent()).toList();
        List<String> templates = listed.stream().filter(f -> ProcessCommands.templateType(app, f).isPresent()).toList();
        List<String> stop = running.stream().filter(unit -> ProcessCommands.parse(app, unit)
                .map(i -> i.number() > counts.getOrDefault(i.type(), 0)).orElse(false)).toList();
        List<String> stale = templates.stream().filter(f -> !wanted.containsKey(ProcessCommands.templateType(app, f).get())).toList();
        List<String> start = new ArrayList<>();
        HostLayout layout = new HostLayout(app);
        for (String type : wanted.keySet()) {
            for (int n = 1; n <= counts.get(type); n++) {
                start.add(layout.processUnitName(type, n));
            }
        }
        if (wanted.isEmpty() && running.isEmpty() && templates.isEmpty()) {
            return new Changes(Map.of(), Map.of(), List.of(), List.of(), List.of());
        }
        return new Changes(wanted, counts, stop, stale, List.copyOf(start));
    }

    private void check(HostTarget host, List<String> units) {
        sleep(settle);
        CommandResult states = ssh.runAllowingFailure(host, "processes", ProcessCommands.isActive(units).privileged(host.root()), STEP_TIMEOUT);
        List<String> words = states.stdout().lines().map(String::strip).toList();
        List<String> down = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            String state = i < words.size() ? words.get(i) : "unknown";
            if (!state.equals("active")) {
                down.add(units.get(i) + " is " + state);
            }
        }
        if (!down.isEmpty()) {
            throw new IllegalStateException(String.join(", ", down) + " " + settle.toSeconds() + " s after its start on " + host.name()
                    + ": its command fails; see deployer logs");
        }
    }

    private static String summary(Map<String, Integer> counts, List<String> started, List<String> stopped) {
        String types = String.join(", ", new TreeSet<>(counts.keySet()).stream().map(t -> t + "=" + counts.get(t)).toList());
        return (types.isEmpty() ? "no process types besides web" : types) + ": " + started.size() + " instance(s) (re)started"
                + (stopped.isEmpty() ? "" : ", " + stopped.size() + " stopped (" + String.join(", ", stopped) + ")");
    }

    /** Writes a unit file unless the host has exactly that text; whether it wrote (then systemd needs a reload). */
    static boolean writeIfChanged(HostAccess ssh, HostTarget host, String step, String path, String text) {
        String existing = ssh.runAllowingFailure(host, step, HostCommands.readFile(path).privileged(host.root()), STEP_TIMEOUT)
                .stdout();
        if (existing.equals(text)) {
            return false;
        }
        ssh.writeFile(host, step, path, text.getBytes(StandardCharsets.UTF_8), "0644", "root:root");
        return true;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the processes");
        }
    }
}
