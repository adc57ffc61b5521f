package dev.deployer.server.logs;

import dev.deployer.api.LogLine;
import dev.deployer.server.remote.JournalCommands;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One-shot reads of an app's journal: every host at once, merged by time, the last N overall.
 * A host that cannot be read becomes a notice; the others still answer.
 */
final class LogReader {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** SshHosts keeps the first 16 MiB of a command's output; this close to it, the read was cut. */
    private static final int CUT_AT_CHARS = 15 * 1024 * 1024;

    /** The merged lines (notices last) and, per host, the cursor of the newest entry read: where following continues. */
    record Backlog(List<LogLine> lines, Map<String, String> cursors) {}

    record HostRead(String host, List<JournalEntry> entries, List<LogLine> notices) {}

    private final HostAccess ssh;
    private final Function<String, HostTarget> hosts;
    private final Executor workers;
    private final Clock clock;

    LogReader(HostAccess ssh, Function<String, HostTarget> hosts, Executor workers, Clock clock) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.workers = workers;
        this.clock = clock;
    }

    /** Reads at least one entry per host even for {@code lines = 0}, so a follower has a cursor to continue from. */
    Backlog read(String app, List<String> hostNames, LogQuery query) {
        int perHost = Math.max(1, query.lines());
        List<CompletableFuture<HostRead>> reads = hostNames.stream()
                .map(host -> CompletableFuture.supplyAsync(() -> readHost(app, host, perHost, query.since(), query.type()), workers))
                .toList();
        List<HostRead> done = reads.stream().map(CompletableFuture::join).toList();
        return new Backlog(merge(done, query.lines()), cursors(done));
    }

    private HostRead readHost(String app, String host, int lines, Instant since, String type) {
        try {
            HostTarget target = hosts.apply(host);
            CommandResult result = ssh.runAllowingFailure(target, "read logs",
                    JournalCommands.read(app, lines, since, type).privileged(target.root()), READ_TIMEOUT);
            List<JournalEntry> entries = new ArrayList<>();
            List<LogLine> notices = new ArrayList<>();
            result.stdout().lines().forEach(raw -> JournalJson.parse(raw).ifPresentOrElse(entry -> {
                if (entry.of(app, type)) {
                    entries.add(entry);
                }
            }, () -> {
                if (!raw.isBlank() && notices.size() < 3) {
                    notices.add(notice(host, "host " + host + " printed a line that is not a journal entry: " + shortened(raw)));
                }
            }));
            if (result.stdout().length() >= CUT_AT_CHARS) {
                notices.add(notice(host, "the journal of host " + host + " was longer than one read may carry (16 MiB): its newest "
                        + "lines may be missing; ask for fewer lines or a later since"));
            }
            if (!result.ok()) {
                notices.add(notice(host, "reading the journal on host " + host + " failed (exit " + result.exitCode() + "): "
                        + shortened(result.stderrTail())));
            }
            return new HostRead(host, entries, notices);
        } catch (RuntimeException e) {
            return new HostRead(host, List.of(), List.of(notice(host, "cannot read the logs of host " + host + ": " + e.getMessage())));
        }
    }

    /** Oldest first; equal times keep the app's host order, so the result is the same on every read. */
    static List<LogLine> merge(List<HostRead> reads, int lines) {
        List<LogLine> all = new ArrayList<>();
        for (HostRead read : reads) {
            read.entries().forEach(e -> all.add(LogLine.line(e.at(), read.host(), e.priority(), e.message())));
        }
        all.sort(Comparator.comparing(LogLine::at)); // stable: ties stay in host order
        List<LogLine> merged = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        reads.forEach(read -> merged.addAll(read.notices()));
        return merged;
    }

    private static Map<String, String> cursors(List<HostRead> reads) {
        Map<String, String> cursors = new HashMap<>();
        for (HostRead read : reads) {
            if (!read.entries().isEmpty() && read.entries().get(read.entries().size() - 1).cursor() != null) {
                cursors.put(read.host(), read.entries().get(read.entries().size() - 1).cursor());
            }
        }
        return cursors;
    }

    private LogLine notice(String host, String message) {
        return LogLine.notice(clock.instant(), host, 4, message);
    }

    static String shortened(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
