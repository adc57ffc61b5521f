package dev.deployer.server.logs;

import dev.deployer.api.LogLine;
import dev.deployer.server.remote.JournalCommands;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An app's journald logs from its hosts: read once, or followed live: one shared stream per app and host, fanned out to every following client. */
public class LogService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogService.class);
    /** Per client: about a minute of a busy app, and a few MB at most, before lines are dropped. */
    static final int BUFFER_LINES = 10_000;
    static final long BUFFER_CHARS = 4L * 1024 * 1024;

    private final Clock clock;
    private final ExecutorService workers;
    private final LogReader reader;
    private final JournalFeeds feeds;
    private final Set<LogFollow> following = ConcurrentHashMap.newKeySet();

    public LogService(HostAccess ssh, Function<String, HostTarget> hosts, Clock clock) {
        this.clock = clock;
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "logs");
            thread.setDaemon(true);
            return thread;
        });
        this.reader = new LogReader(ssh, hosts, workers, clock);
        this.feeds = new JournalFeeds(sshSource(ssh, hosts), workers, clock);
    }

    /** {@code journalctl --follow} over SSH, on a stream channel of the host's own budget. */
    private static JournalSource sshSource(HostAccess ssh, Function<String, HostTarget> hosts) {
        return (app, host, afterCursor, since, lines) -> {
            HostTarget target = hosts.apply(host);
            RemoteStream stream = ssh.stream(target, "follow logs",
                    JournalCommands.follow(app, afterCursor, since).privileged(target.root()), lines);
            return new JournalSource.Tail() {
                @Override
                public CompletableFuture<Void> finished() {
                    return stream.finished();
                }

                @Override
                public void close() {
                    stream.close();
                }
            };
        };
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

    /**
     * Joins each host's shared feed, then reads the backlog, then lets live lines through from just after it: joined
     * first, so whatever the feed delivers past the backlog's cursor reaches this client. Close the result when the client goes.
     */
    public LogFollow follow(String app, List<String> hostNames, LogQuery query) {
        LogBuffer buffer = new LogBuffer(BUFFER_LINES, BUFFER_CHARS, clock);
        List<FeedClient> joined = hostNames.stream().map(host -> feeds.join(app, host, query.type(), buffer)).toList();
        LogReader.Backlog backlog;
        Instant readStart = clock.instant();
        try {
            backlog = reader.read(app, hostNames, query);
        } catch (RuntimeException e) {
            joined.forEach(feeds::leave);
            throw e;
        }
        joined.forEach(client -> feeds.position(client, backlog.cursors().get(client.host()), readStart));
        LogFollow follow = new LogFollow(backlog.lines(), buffer, ended -> {
            joined.forEach(feeds::leave);
            following.remove(ended);
            LOG.info("logs follow ended app={} hosts={} dropped={}", app, hostNames, ended.dropped());
        });
        following.add(follow);
        LOG.info("logs follow started app={} hosts={}", app, hostNames);
        return follow;
    }

    /** Clients following logs now (one per open {@code logs -f}, whatever its number of hosts). */
    public int followers() {
        return following.size();
    }

    /** Remote {@code journalctl --follow} streams running now: one per followed app and host, shared by its followers. */
    public int feeds() {
        return feeds.size();
    }

    /** Threads for reads, reconnects and the writers of followed streams: none of them may wait on a request thread. */
    Executor workers() {
        return workers;
    }

    /** Stops every follower (server shutdown): no journalctl outlives the server on any host. */
    @Override
    public void close() {
        List.copyOf(following).forEach(LogFollow::close);
        feeds.close();
        workers.shutdownNow();
    }
}
