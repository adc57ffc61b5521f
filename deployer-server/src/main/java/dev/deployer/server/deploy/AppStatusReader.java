package dev.deployer.server.deploy;

import dev.deployer.api.AppStatus;
import dev.deployer.server.apps.App;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.HostSlots;
import dev.deployer.server.remote.ProxyApiCall;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.remote.Slot;
import dev.deployer.server.remote.SlotState;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads back what each host really runs: the unit's state and where {@code current} points, drift included.
 * On a budget of its own so that status checks can never starve deploys: a small pool of its own
 * ({@link #THREADS} threads, so at most that many of a host's SSH sessions are ever status reads), a short
 * wait per host, and a host that does not answer in time is shown as such.
 */
public class AppStatusReader {
    /** Threads of the pool to give it; sized well under a host's SSH sessions (SshLimits.sessionsPerHost). */
    public static final int THREADS = 4;
    /** Reads waiting for a thread; beyond that a status request answers at once that reads are busy. */
    public static final int QUEUE = 64;
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration PER_HOST = Duration.ofSeconds(15);
    /** Short: a hanging app must not push the whole host past {@link #PER_HOST} and hide its state. */
    private static final Duration HEALTH_STEP = Duration.ofSeconds(4);
    private static final DateTimeFormatter SYSTEMD_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final HostAccess ssh;
    private final Function<String, HostTarget> hosts;
    private final ExecutorService workers;

    /** @param workers its own pool of {@link #THREADS} threads with a queue of {@link #QUEUE}, never the deploys' pool */
    public AppStatusReader(HostAccess ssh, Function<String, HostTarget> hosts, ExecutorService workers) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.workers = workers;
    }

    public AppStatus read(App app, Optional<Release> current) {
        Integer currentVersion = current.map(Release::version).orElse(null);
        List<CompletableFuture<AppStatus.HostStatus>> reads = app.hosts().stream().map(name -> start(name, app, currentVersion))
                .toList();
        return new AppStatus(app.name(), currentVersion, reads.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<AppStatus.HostStatus> start(String name, App app, Integer currentVersion) {
        try {
            return CompletableFuture.supplyAsync(() -> readHost(name, app, currentVersion), workers)
                    .completeOnTimeout(unknown(name, "no answer within " + PER_HOST.toSeconds() + " s"),
                            PER_HOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(unknown(name, "too many status reads at once; try again shortly"));
        }
    }

    private static AppStatus.HostStatus unknown(String host, String why) {
        return new AppStatus.HostStatus(host, "unknown", null, null, false, why);
    }

    private AppStatus.HostStatus readHost(String name, App app, Integer currentVersion) {
        try {
            HostTarget host = hosts.apply(name);
            AppStatus.HostStatus read = readState(host, app, currentVersion);
            return new AppStatus.HostStatus(read.host(), read.activeState(), read.version(), read.since(), read.drift(),
                    read.error(), read.slots(), health(host, app, read.activeState()));
        } catch (RuntimeException e) {
            return new AppStatus.HostStatus(name, "unreachable", null, null, false, e.getMessage());
        }
    }

    /**
     * Asked on the app's own port, the one its users reach (through the proxy for a zero-downtime app), and only of
     * an active unit; a question that cannot be put leaves the state read above intact.
     */
    private AppStatus.Health health(HostTarget host, App app, String activeState) {
        if (!"active".equals(activeState)) {
            return new AppStatus.Health(AppStatus.Health.UNKNOWN, "not asked: the unit is " + activeState);
        }
        if (app.healthPath() == null) {
            return new AppStatus.Health(AppStatus.Health.UNKNOWN, "no health path set");
        }
        try {
            int status = ssh.forwardAndGet(host, app.port(), app.healthPath(), HEALTH_STEP);
            if (status >= 200 && status < 300) {
                return new AppStatus.Health(AppStatus.Health.HEALTHY, "HTTP " + status + " from " + app.healthPath());
            }
            return new AppStatus.Health(AppStatus.Health.UNHEALTHY, status < 0 ? "nothing answers on port " + app.port()
                    : "HTTP " + status + " from " + app.healthPath());
        } catch (RuntimeException e) {
            return new AppStatus.Health(AppStatus.Health.UNKNOWN, "could not ask: " + e.getMessage());
        }
    }

    private AppStatus.HostStatus readState(HostTarget host, App app, Integer currentVersion) {
        if (app.zeroDowntime()) {
            Optional<AppStatus.HostStatus> slotted = readSlots(host, app, currentVersion);
            if (slotted.isPresent()) {
                return slotted.get();
            }
            // No proxy answers: the app has not been deployed with slots yet; its own unit may still run it.
        }
        Map<String, String> unit = ssh.runAllowingFailure(host, "status", ReleaseCommands.unitState(app.name()), STEP)
                .stdout().lines().filter(line -> line.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
        String link = ssh.runAllowingFailure(host, "status", ReleaseCommands.readCurrent(app.name()), STEP).stdout().trim();
        Integer version = link.matches(".*releases/v\\d+$") ? Integer.valueOf(link.substring(link.lastIndexOf('v') + 1)) : null;
        boolean drift = currentVersion != null && !currentVersion.equals(version);
        return new AppStatus.HostStatus(host.name(), unit.getOrDefault("ActiveState", "unknown"), version,
                parseTime(unit.get("ActiveEnterTimestamp")), drift, null);
    }

    /** A host where the app's proxy answers: the live slot is what the host runs; the other, when up, is the standby. */
    private Optional<AppStatus.HostStatus> readSlots(HostTarget host, App app, Integer currentVersion) {
        ProxyApiCall call = HostSlots.read(app.name());
        CommandResult read = ssh.runAllowingFailure(host, "status", call.command().privileged(host.root()), call.stdin(), STEP);
        HostSlots state = HostSlots.parse(app.name(), read.stdout());
        if (!state.proxyRunning()) {
            return Optional.empty();
        }
        Optional<Slot> live = state.live();
        SlotState slots = state.slots();
        if (live.isEmpty()) {
            return Optional.of(new AppStatus.HostStatus(host.name(), "unknown", null, null, false,
                    "the proxy sends traffic to no slot (or to both): deploy again to put one live", null));
        }
        SlotState.Instance serving = slots.slot(live.get());
        SlotState.Instance other = slots.slot(live.get().other());
        boolean standby = other.active();
        AppStatus.Slots shown = new AppStatus.Slots(live.get().id(), serving.version(), standby ? other.slot().id() : null,
                standby ? other.version() : null, standby ? slots.standbyUntil() : null);
        boolean drift = currentVersion != null && !currentVersion.equals(serving.version());
        return Optional.of(new AppStatus.HostStatus(host.name(), serving.activeState(), serving.version(), serving.since(), drift,
                null, shown));
    }

    static Instant parseTime(String systemdTime) {
        if (systemdTime == null || systemdTime.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(systemdTime.trim(), SYSTEMD_TIME).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
