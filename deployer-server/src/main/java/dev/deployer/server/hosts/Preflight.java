package dev.deployer.server.hosts;

import dev.deployer.api.PreflightCheck;
import dev.deployer.api.PreflightReport;
import dev.deployer.server.remote.DeltaCommands;
import dev.deployer.server.remote.HostLayout;
import dev.deployer.server.remote.PreflightCommands;
import dev.deployer.server.remote.ProxyPreflight;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.FreshLogin;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a host can run deployer apps, each item pass or fail with the fix: SSH login, root
 * or sudo, systemd as PID 1, java and its version, free space where releases go, haproxy and socat
 * for zero-downtime apps (see {@link ProxyChecks} for when they are required), zstd (optional: delta transfer), the apps' ports and
 * slot ports, clock skew. Read-only: it changes nothing on the host.
 */
public class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
    /** The JVM every unit runs (see remote.HostLayout). */
    static final String JAVA = HostLayout.JAVA;
    static final String RELEASES_ROOT = HostLayout.APPS_ROOT;
    static final long MIN_FREE_BYTES = 1024L * 1024 * 1024;
    static final Duration MAX_SKEW = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final String STEP = "preflight";

    private final HostAccess ssh;
    private final SudoRights sudo;
    private final Clock clock;

    public Preflight(HostAccess ssh, Clock clock) {
        this.ssh = ssh;
        this.sudo = new SudoRights();
        this.clock = clock;
    }

    /** Checks {@code host} for {@code apps} (may be empty: then java and ports are only reported), over a login of its own. */
    public PreflightReport check(HostTarget host, List<AppNeeds> apps) {
        List<PreflightCheck> checks = new ArrayList<>();
        FreshLogin login;
        CommandResult id;
        try {
            login = ssh.freshLogin(host, STEP);
        } catch (RemoteFailure failure) {
            checks.add(PreflightCheck.fail("ssh login", failure.getMessage(), sshFix(host, failure)));
            return report(host, checks);
        }
        try (login) {
            try {
                id = probe(login, PreflightCommands.userId());
            } catch (RemoteFailure failure) {
                checks.add(PreflightCheck.fail("ssh login", failure.getMessage(), sshFix(host, failure)));
                return report(host, checks);
            }
            checks.add(PreflightCheck.pass("ssh login", "logged in as " + host.user() + "@" + host.address() + ":" + host.port()
                    + " on a new connection, host key " + host.fingerprint()));
            try {
                checks.add("0".equals(id.stdout().trim()) ? PreflightCheck.pass("root or sudo", "logged in as root")
                        : sudo.check(host, login));
                checks.add(systemd(login));
                checks.add(java(login, apps));
                checks.add(disk(login));
                checks.addAll(proxy(login, apps));
                checks.add(zstd(login));
                checks.addAll(ports(login, apps));
                checks.add(clock(login));
            } catch (RemoteFailure failure) {
                checks.add(PreflightCheck.fail("ssh", failure.getMessage(), "check the host's network and run the check again"));
            }
        }
        return report(host, checks);
    }

    private PreflightReport report(HostTarget host, List<PreflightCheck> checks) {
        PreflightReport report = PreflightReport.of(host.name(), checks);
        LOG.info("preflight host={} ok={} failed={}", host.name(), report.ok(),
                checks.stream().filter(c -> !c.ok()).map(PreflightCheck::name).toList());
        return report;
    }

    private PreflightCheck systemd(FreshLogin login) {
        String pid1 = probe(login, PreflightCommands.pid1Name()).stdout().trim();
        return "systemd".equals(pid1) ? PreflightCheck.pass("systemd", "systemd is PID 1")
                : PreflightCheck.fail("systemd", "PID 1 is '" + pid1 + "', not systemd",
                "deployer runs apps as systemd units: use a host (VM or machine) booted with systemd");
    }

    private PreflightCheck java(FreshLogin login, List<AppNeeds> apps) {
        int needed = apps.stream().mapToInt(AppNeeds::javaVersion).max().orElse(0);
        String install = "install a Java runtime" + (needed > 0 ? " " + needed + " or newer" : "")
                + " so that " + JAVA + " exists, e.g. apt-get install openjdk-" + (needed > 0 ? needed : 17) + "-jre-headless";
        CommandResult result = probe(login, PreflightCommands.javaVersion(JAVA));
        if (result.exitCode() == 127 || result.exitCode() == 126) {
            return PreflightCheck.fail("java", JAVA + " is missing", install);
        }
        OptionalInt major = ProbeOutput.javaMajor(result.stderr() + "\n" + result.stdout());
        if (major.isEmpty()) {
            return PreflightCheck.fail("java", JAVA + " -version printed no version (exit " + result.exitCode() + ")", install);
        }
        if (needed == 0) {
            return PreflightCheck.pass("java", "java " + major.getAsInt() + " (no app on this host yet to compare with)");
        }
        return major.getAsInt() >= needed ? PreflightCheck.pass("java", "java " + major.getAsInt() + ", apps need " + needed)
                : PreflightCheck.fail("java", "java " + major.getAsInt() + ", but apps need " + needed, install);
    }

    private PreflightCheck disk(FreshLogin login) {
        CommandResult df = probe(login, PreflightCommands.diskFree(List.of(RELEASES_ROOT, "/opt", "/")));
        return ProbeOutput.firstDisk(df.stdout()).map(disk -> disk.availableBytes() >= MIN_FREE_BYTES
                ? PreflightCheck.pass("disk", ProbeOutput.bytes(disk.availableBytes()) + " free on " + disk.mountedOn()
                        + " (holds " + RELEASES_ROOT + ")")
                : PreflightCheck.fail("disk", "only " + ProbeOutput.bytes(disk.availableBytes()) + " free on " + disk.mountedOn(),
                        "free at least " + ProbeOutput.bytes(MIN_FREE_BYTES) + " on the filesystem holding " + RELEASES_ROOT))
                .orElse(PreflightCheck.fail("disk", "df printed nothing readable: " + df.stderrTail(),
                        "check that df works on the host"));
    }

    private List<PreflightCheck> proxy(FreshLogin login, List<AppNeeds> apps) {
        CommandResult haproxy = probe(login, ProxyPreflight.haproxyVersion());
        CommandResult socat = probe(login, ProxyPreflight.socatVersion());
        return List.of(ProxyChecks.haproxy(apps, haproxy.exitCode(), haproxy.stdout() + "\n" + haproxy.stderr()),
                ProxyChecks.socat(apps, socat.exitCode()));
    }

    /** Optional: without zstd a deploy sends the whole jar instead of a patch, so a missing one only informs. */
    private PreflightCheck zstd(FreshLogin login) {
        CommandResult result = probe(login, DeltaCommands.zstdVersion());
        if (!result.ok()) {
            return new PreflightCheck("zstd", true, DeltaCommands.ZSTD + " is missing (exit " + result.exitCode()
                    + "): deploys send whole jars instead of patches against an earlier release; to send patches: "
                    + DeltaCommands.INSTALL_LINE, DeltaCommands.INSTALL_LINE);
        }
        String version = result.stdout().lines().findFirst().orElse("").replace("*", "").strip();
        return PreflightCheck.pass("zstd", version + ": deploys send a patch against an earlier release's jar when the host holds one");
    }

    private List<PreflightCheck> ports(FreshLogin login, List<AppNeeds> apps) {
        if (apps.stream().allMatch(app -> app.port() <= 0)) {
            return List.of(PreflightCheck.pass("port", "no app on this host yet"));
        }
        String listening = probe(login, PreflightCommands.listeningTcp()).stdout();
        List<PreflightCheck> checks = new ArrayList<>();
        for (AppNeeds app : apps) {
            for (ProxyChecks.PortNeed need : ProxyChecks.ports(app)) {
                boolean taken = ProbeOutput.listens(listening, need.port());
                Optional<String> owner = taken ? need.ownUnits().stream()
                        .filter(unit -> "active".equals(probe(login, PreflightCommands.unitActive(unit)).stdout().trim()))
                        .findFirst() : Optional.empty();
                checks.add(ProxyChecks.port(need, taken, owner));
            }
            ProxyChecks.slotPortRange(app).ifPresent(checks::add);
        }
        return checks;
    }

    private PreflightCheck clock(FreshLogin login) {
        long before = clock.millis();
        CommandResult date = probe(login, PreflightCommands.epochMillis());
        long serverMillis = (before + clock.millis()) / 2;
        OptionalLong hostMillis = ProbeOutput.epochMillis(date.stdout());
        if (hostMillis.isEmpty()) {
            return PreflightCheck.fail("clock", "date printed no time: " + date.stderrTail(), "check that GNU date works on the host");
        }
        long skew = hostMillis.getAsLong() - serverMillis;
        String detail = String.format(java.util.Locale.ROOT, "host clock is %.1f s %s the server's", Math.abs(skew) / 1000.0,
                skew >= 0 ? "ahead of" : "behind");
        return Math.abs(skew) <= MAX_SKEW.toMillis() ? PreflightCheck.pass("clock", detail)
                : PreflightCheck.fail("clock", detail, "enable time sync on the host (timedatectl set-ntp true) and on the server");
    }

    private static CommandResult probe(FreshLogin login, dev.deployer.server.remote.RemoteCommand command) {
        return login.runAllowingFailure(command, PROBE_TIMEOUT);
    }

    private static String sshFix(HostTarget host, RemoteFailure failure) {
        return switch (failure.kind()) {
            case LOGIN_REFUSED -> "append the server's public key (deployer ssh-key) to ~" + host.user()
                    + "/.ssh/authorized_keys on the host, then run: deployer hosts check " + host.name();
            case HOST_KEY_CHANGED -> "check the host's key on its console, then: deployer hosts trust " + host.name();
            default -> "check the address and port, that sshd runs and that the firewall lets the server in";
        };
    }
}
