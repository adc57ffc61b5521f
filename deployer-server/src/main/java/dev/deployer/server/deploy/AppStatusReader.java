package dev.deployer.server.deploy;

import dev.deployer.api.AppStatus;
import dev.deployer.server.apps.App;
import dev.deployer.server.hosts.HostTarget;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.ReleaseCommands;
import dev.deployer.server.ssh.SshHosts;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads back what each host really runs: the unit's state and where {@code current} points, drift included. */
public class AppStatusReader {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final DateTimeFormatter SYSTEMD_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final SshHosts ssh;
    private final Function<String, HostTarget> hosts;
    private final ExecutorService workers;

    public AppStatusReader(SshHosts ssh, Function<String, HostTarget> hosts, ExecutorService workers) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.workers = workers;
    }

    public AppStatus read(App app, Optional<Release> current) {
        Integer currentVersion = current.map(Release::version).orElse(null);
        List<CompletableFuture<AppStatus.HostStatus>> reads = app.hosts().stream()
                .map(name -> CompletableFuture.supplyAsync(() -> readHost(name, app, currentVersion), workers))
                .toList();
        return new AppStatus(app.name(), currentVersion, reads.stream().map(CompletableFuture::join).toList());
    }

    private AppStatus.HostStatus readHost(String name, App app, Integer currentVersion) {
        try {
            HostTarget host = hosts.apply(name);
            Map<String, String> unit = ssh.runAllowingFailure(host, "status", ReleaseCommands.unitState(app.name()), STEP)
                    .stdout().lines().filter(line -> line.contains("="))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
            String link = ssh.runAllowingFailure(host, "status", ReleaseCommands.readCurrent(app.name()), STEP).stdout().trim();
            Integer version = link.matches(".*releases/v\\d+$") ? Integer.valueOf(link.substring(link.lastIndexOf('v') + 1)) : null;
            boolean drift = currentVersion != null && !currentVersion.equals(version);
            return new AppStatus.HostStatus(name, unit.getOrDefault("ActiveState", "unknown"), version,
                    parseTime(unit.get("ActiveEnterTimestamp")), drift, null);
        } catch (RuntimeException e) {
            return new AppStatus.HostStatus(name, "unreachable", null, null, false, e.getMessage());
        }
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
