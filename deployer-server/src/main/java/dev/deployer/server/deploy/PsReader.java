package dev.deployer.server.deploy;

import dev.deployer.api.AppProcesses;
import dev.deployer.server.apps.App;
import dev.deployer.server.build.CronTable;
import dev.deployer.server.build.Procfile;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.CronCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.ProcessCommands;
import dev.deployer.server.remote.ProxyApiCall;
import dev.deployer.server.remote.PsCommands;
import dev.deployer.server.remote.Slot;
import dev.deployer.server.remote.SlotState;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code deployer ps}: every process instance each host runs for an app, read in one round trip per host
 * ({@link PsCommands}). On the status reads' own pool and time bounds ({@link AppStatusReader}): a host that does not
 * answer in time, or cannot be reached, is a row that says why.
 */
public class PsReader {
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration PER_HOST = Duration.ofSeconds(15);

    private final HostAccess ssh;
    private final Function<String, HostTarget> hosts;
    private final ExecutorService workers;

    /** @param workers the status reads' pool (never the deploys'): ps is a status read */
    public PsReader(HostAccess ssh, Function<String, HostTarget> hosts, ExecutorService workers) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.workers = workers;
    }

    public AppProcesses read(App app, Optional<Release> current) {
        Map<Integer, String> schedules = current.map(r -> r.cron().schedules()).orElse(Map.of());
        List<String> named = new ArrayList<>();
        HostLayout layout = new HostLayout(app.name());
        current.ifPresent(r -> r.procfile().map(Procfile::others).orElse(List.of()).forEach(p -> {
            for (int n = 1; n <= r.scale().count(p.type()); n++) {
                named.add(layout.processUnitName(p.type(), n));
            }
        }));
        named.addAll(PsCommands.cronUnits(app.name(), CronTable.MAX_ENTRIES));
        List<CompletableFuture<AppProcesses.HostProcesses>> reads = app.hosts().stream().map(name -> start(name, app, named, schedules))
                .toList();
        return new AppProcesses(app.name(), current.map(Release::version).orElse(null), reads.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<AppProcesses.HostProcesses> start(String name, App app, List<String> named, Map<Integer, String> schedules) {
        try {
            return CompletableFuture.supplyAsync(() -> readHost(name, app, named, schedules), workers)
                    .completeOnTimeout(failed(name, "no answer within " + PER_HOST.toSeconds() + " s"), PER_HOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(failed(name, "too many status reads at once; try again shortly"));
        }
    }

    private static AppProcesses.HostProcesses failed(String host, String why) {
        return new AppProcesses.HostProcesses(host, why, List.of());
    }

    private AppProcesses.HostProcesses readHost(String name, App app, List<String> named, Map<Integer, String> schedules) {
        try {
            HostTarget host = hosts.apply(name);
            String out;
            if (app.zeroDowntime()) {
                ProxyApiCall call = PsCommands.showWithProxy(app.name(), named);
                out = ssh.runAllowingFailure(host, "ps", call.command().privileged(host.root()), call.stdin(), STEP).stdout();
            } else {
                out = ssh.runAllowingFailure(host, "ps", PsCommands.show(app.name(), named), STEP).stdout();
            }
            return new AppProcesses.HostProcesses(name, null, rows(app.name(), PsCommands.parse(out), schedules));
        } catch (RuntimeException e) {
            return failed(name, "unreachable: " + e.getMessage());
        }
    }

    /** The instances of one host's answer: web first, then the Procfile types by name and number, then cron by number. */
    static List<AppProcesses.Process> rows(String app, PsCommands.HostProcesses read, Map<Integer, String> schedules) {
        HostLayout layout = new HostLayout(app);
        Integer current = read.links().get("current");
        List<AppProcesses.Process> rows = new ArrayList<>();
        Map<String, String> web = read.units().get(layout.unitName());
        if (web != null) {
            rows.add(process("web", "1", web, current, null, null));
        }
        for (Slot slot : Slot.values()) {
            Map<String, String> unit = read.units().get(layout.slotUnitName(slot));
            boolean live = read.liveSlot().equals(Optional.of(slot));
            if (unit != null && (live || "active".equals(unit.get("ActiveState")))) {
                rows.add(process("web", slot.id(), unit, read.links().get("slot-" + slot.id()), live ? "live" : "standby", null));
            }
        }
        List<AppProcesses.Process> others = new ArrayList<>();
        List<AppProcesses.Process> cron = new ArrayList<>();
        read.units().forEach((id, unit) -> {
            ProcessCommands.parse(app, id).ifPresent(i -> others.add(process(i.type(), String.valueOf(i.number()), unit, current, null, null)));
            if (id.endsWith(".service")) {
                CronCommands.parse(app, id).ifPresent(n -> {
                    Map<String, String> timer = read.units().getOrDefault(layout.cronTimerName(n), Map.of());
                    cron.add(process("cron", String.valueOf(n), unit, current, null, cronRun(unit, timer, schedules.get(n))));
                });
            }
        });
        others.sort(Comparator.comparing(AppProcesses.Process::type).thenComparing(p -> Integer.parseInt(p.instance())));
        cron.sort(Comparator.comparing(p -> Integer.parseInt(p.instance())));
        rows.addAll(others);
        rows.addAll(cron);
        return rows;
    }

    private static AppProcesses.Process process(String type, String instance, Map<String, String> unit, Integer version, String role,
                                                AppProcesses.CronRun cron) {
        return new AppProcesses.Process(type, instance, unit.get("Id"), unit.getOrDefault("ActiveState", "unknown"), unit.get("SubState"),
                version, SlotState.time(unit.get("ActiveEnterTimestamp")), role, cron);
    }

    /** A oneshot that never ran has no exit timestamp: then there is no last result to show. */
    private static AppProcesses.CronRun cronRun(Map<String, String> service, Map<String, String> timer, String schedule) {
        var exited = SlotState.time(service.get("ExecMainExitTimestamp"));
        Integer status = exited == null || !service.getOrDefault("ExecMainStatus", "").matches("^[0-9]{1,3}$") ? null
                : Integer.valueOf(service.get("ExecMainStatus"));
        return new AppProcesses.CronRun(schedule, exited == null ? null : service.get("Result"), status, exited,
                SlotState.time(timer.get("NextElapseUSecRealtime")));
    }
}
