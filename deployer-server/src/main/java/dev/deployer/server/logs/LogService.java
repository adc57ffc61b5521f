package dev.deployer.server.logs;

import dev.deployer.api.LogLine;
import dev.deployer.server.hosts.HostTarget;
import dev.deployer.server.ssh.SshHosts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An app's journald logs from its hosts: read once, or followed live by one client at a time per {@link LogFollow}. */
public class LogService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogService.class);
    /** Per client: about a minute of a busy app, and a few MB at most, before lines are dropped. */
    static final int BUFFER_LINES = 10_000;
    static final long BUFFER_CHARS = 4L * 1024 * 1024;

    private final SshHosts ssh;
    private final Function<String, HostTarget> hosts;
    private final Clock clock;
    private final ExecutorService workers;
    private final LogReader reader;
    private final Set<LogFollow> following = ConcurrentHashMap.newKeySet();

    public LogService(SshHosts ssh, Function<String, HostTarget> hosts, Clock clock) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.clock = clock;
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "logs");
            thread.setDaemon(true);
            return thread;
        });
        this.reader = new LogReader(ssh, hosts, workers, clock);
    }

    /** The hosts a query covers: all of the app's, or the one it names, which must be one of them. */
    public static List<String> hostsOf(String app, List<String> appHosts, LogQuery query) {
        if (query.host() == null) {
            return appHosts;
        }
        if (!appHosts.contains(query.host())) {
            throw new IllegalArgumentException("host " + query.host() + " does not run app " + app + " (its hosts: "
                    + String.join(", ", appHosts) + ")");
        }
        return List.of(query.host());
    }

    public List<LogLine> read(String app, List<String> hostNames, LogQuery query) {
        return reader.read(app, hostNames, query).lines();
    }

    /** Reads the backlog, then follows every host from just after it. Close the result when the client goes. */
    public LogFollow follow(String app, List<String> hostNames, LogQuery query) {
        Instant readStart = clock.instant();
        LogReader.Backlog backlog = reader.read(app, hostNames, query);
        LogBuffer buffer = new LogBuffer(BUFFER_LINES, BUFFER_CHARS, clock);
        List<HostFollower> followers = hostNames.stream()
                .map(host -> new HostFollower(ssh, hosts, app, host, backlog.cursors().get(host), readStart, buffer, workers, clock))
                .toList();
        LogFollow follow = new LogFollow(backlog.lines(), buffer, followers, ended -> {
            following.remove(ended);
            LOG.info("logs follow ended app={} hosts={} dropped={}", app, hostNames, ended.dropped());
        });
        following.add(follow);
        follow.start();
        LOG.info("logs follow started app={} hosts={}", app, hostNames);
        return follow;
    }

    /** Threads for reads, reconnects and the writers of followed streams: none of them may wait on a request thread. */
    Executor workers() {
        return workers;
    }

    /** Stops every follower (server shutdown): no journalctl outlives the server on any host. */
    @Override
    public void close() {
        List.copyOf(following).forEach(LogFollow::close);
        workers.shutdownNow();
    }
}
