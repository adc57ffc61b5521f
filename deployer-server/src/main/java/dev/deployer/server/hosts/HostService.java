package dev.deployer.server.hosts;

import dev.deployer.api.Host;
import dev.deployer.api.HostAdded;
import dev.deployer.api.HostInput;
import dev.deployer.api.HostRequest;
import dev.deployer.api.PreflightReport;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.HostFailure;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.errors.NotFound;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostKeys;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteFailure;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hosts: added with their key pinned (trust on first use or a given fingerprint), checked, re-pinned, removed. */
public class HostService {
    private static final Logger LOG = LoggerFactory.getLogger(HostService.class);

    private final HostDao dao;
    private final HostAccess ssh;
    private final Preflight preflight;
    private final Clock clock;

    public HostService(HostDao dao, HostAccess ssh, Preflight preflight, Clock clock) {
        this.dao = dao;
        this.ssh = ssh;
        this.preflight = preflight;
        this.clock = clock;
    }

    /** Pins the key and saves the host, then runs preflight. Unreachable or a fingerprint mismatch saves nothing. */
    public HostAdded add(HostRequest request) {
        if (request == null) {
            throw new InvalidInput("send {\"name\": \"web1\", \"address\": \"10.0.0.5\"} (port, user and fingerprint optional)");
        }
        String name = InvalidInput.check(() -> HostInput.name(request.name()));
        String address = InvalidInput.check(() -> HostInput.address(request.address()));
        int port = InvalidInput.check(() -> HostInput.port(request.port()));
        String user = InvalidInput.check(() -> HostInput.user(request.user()));
        String expected = InvalidInput.check(() -> HostInput.fingerprint(request.fingerprint()));
        if (dao.find(name).isPresent()) {
            throw new Conflict("a host named " + name + " already exists: remove it first, or re-pin its key with "
                    + "'deployer hosts trust " + name + "'");
        }
        String key = fetchKey(name, address, port, expected);
        HostDao.HostRow row = new HostDao.HostRow(0, name, address, port, user, key, HostKeys.fingerprint(key),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            dao.insert(row);
        } catch (UnableToExecuteStatementException e) {
            throw new Conflict("a host named " + name + " already exists");
        }
        LOG.info("host added host={} address={}:{} user={} fingerprint={}", name, address, port, user, row.fingerprint());
        return new HostAdded(toHost(row, List.of()), preflight.check(row.target(), List.of()));
    }

    public List<Host> list() {
        Map<String, List<String>> apps = dao.placements().stream().collect(Collectors.groupingBy(HostDao.Placement::host,
                Collectors.mapping(HostDao.Placement::app, Collectors.toList())));
        return dao.list().stream().map(row -> toHost(row, apps.getOrDefault(row.name(), List.of()))).toList();
    }

    public Host get(String name) {
        HostDao.HostRow row = row(name);
        return toHost(row, dao.liveAppsOn(row.id()));
    }

    /** What the deploy engine connects with. */
    public HostTarget target(String name) {
        return row(name).target();
    }

    /** Preflight for the host's apps, plus an extra port and java version when given (to check before creating an app). */
    public PreflightReport check(String name, Integer port, Integer javaVersion) {
        HostDao.HostRow row = row(name);
        List<AppNeeds> needs = new ArrayList<>(dao.needsOn(row.id()));
        if (port != null || javaVersion != null) {
            needs.add(AppNeeds.future(port == null ? 0 : InvalidInput.check(() -> HostInput.port(port)), javaVersion == null ? 0 : javaVersion));
        }
        return preflight.check(row.target(), needs.stream().filter(n -> n.port() > 0 || n.javaVersion() > 0).toList());
    }

    /** Re-pins the host's key after the operator checked it; returns the fingerprint that was pinned before. */
    public String trust(String name, String fingerprint) {
        HostDao.HostRow row = row(name);
        String expected = InvalidInput.check(() -> HostInput.fingerprint(fingerprint));
        String key = fetchKey(name, row.address(), row.port(), expected);
        dao.repin(row.id(), key, HostKeys.fingerprint(key));
        ssh.forget(name);
        LOG.info("host key re-pinned host={} before={} now={}", name, row.fingerprint(), HostKeys.fingerprint(key));
        return row.fingerprint();
    }

    public void remove(String name) {
        HostDao.HostRow row = row(name);
        List<String> users = dao.removeUnused(row.id());
        if (!users.isEmpty()) {
            throw new Conflict("host " + name + " is used by app" + (users.size() > 1 ? "s " : " ") + String.join(", ", users)
                    + ": take it out of their hosts first (deployer apps)");
        }
        ssh.forget(name);
        LOG.info("host removed host={}", name);
    }

    private String fetchKey(String name, String address, int port, String expected) {
        String key;
        try {
            key = ssh.fetchHostKey(address, port);
        } catch (RemoteFailure failure) {
            throw new HostFailure("host " + name + ": " + failure.getMessage() + "; nothing was saved");
        }
        String actual = HostKeys.fingerprint(key);
        if (expected != null && !expected.equals(actual)) {
            throw new InvalidInput("host " + name + " at " + address + ":" + port + " presented key " + actual
                    + ", not the expected " + expected + ": nothing was saved. Check the fingerprint on the host "
                    + "(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)");
        }
        return key;
    }

    private HostDao.HostRow row(String name) {
        InvalidInput.check(() -> HostInput.name(name));
        return dao.find(name).orElseThrow(() -> new NotFound("no host named " + name + " (see: deployer hosts)"));
    }

    private static Host toHost(HostDao.HostRow row, List<String> apps) {
        return new Host(row.name(), row.address(), row.port(), row.sshUser(), row.fingerprint(), row.createdAt(), apps);
    }
}
