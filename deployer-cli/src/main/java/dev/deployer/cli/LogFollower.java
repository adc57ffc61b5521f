package dev.deployer.cli;

import dev.deployer.api.ApiException;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.LogLine;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Follows an app's logs until interrupted. When the server restarts or the connection drops, it
 * reconnects from the oldest last-seen time of any host and skips what it printed already.
 */
final class LogFollower {
    static final Duration RETRY = Duration.ofSeconds(2);

    private final DeployerClient client;
    private final LogPrinter printer;
    private final PrintWriter err;
    private final Duration retry;
    private final Map<String, Instant> lastAt = new HashMap<>();
    private final Map<String, Set<String>> printedAtLast = new HashMap<>();
    /** Hosts whose lines may repeat ones printed before the reconnect; a host leaves once a new line of it arrives. */
    private final Set<String> catchingUp = new HashSet<>();
    private boolean heard;

    LogFollower(DeployerClient client, LogPrinter printer, PrintWriter err, Duration retry) {
        this.client = client;
        this.printer = printer;
        this.err = err;
        this.retry = retry;
    }

    void follow(String app, int lines, String host, String since) {
        follow(app, lines, host, since, null);
    }

    void follow(String app, int lines, String host, String since, String type) {
        Integer backlog = lines;
        String from = since;
        String lastWhy = null;
        for (int attempt = 1; ; attempt++) {
            String why;
            try {
                client.followLogs(app, backlog, host, from, type, this::print);
                why = "the server ended the log stream";
            } catch (UncheckedIOException e) {
                why = e.getMessage();
            } catch (ApiException e) {
                // A refusal, or no server at all on the first try, is an answer; a drop later is weather.
                if (e.code() >= 400 && e.code() < 500 || attempt == 1 && lastAt.isEmpty()) {
                    throw e;
                }
                why = e.getMessage();
            }
            if (heard) {
                lastWhy = null; // a new outage, even if it looks like the last one
                heard = false;
            }
            if (!why.equals(lastWhy)) { // a server that stays down for a minute is one line, not thirty
                err.println("deployer: " + why + "; reconnecting every " + retry.toSeconds() + " s");
                err.flush();
            }
            lastWhy = why;
            sleep(retry);
            if (!lastAt.isEmpty()) {
                from = lastAt.values().stream().min(Instant::compareTo).orElseThrow().toString();
                backlog = 10_000; // everything since then, up to the server's limit; what was printed is skipped
                catchingUp.addAll(lastAt.keySet());
            }
        }
    }

    /** Prints a line unless, after a reconnect, it is one printed before: older than its host's last, or that same line again. */
    private boolean print(LogLine line) {
        heard = true;
        if (!line.isNotice()) {
            Instant last = lastAt.get(line.host());
            Set<String> printed = printedAtLast.computeIfAbsent(line.host(), h -> new HashSet<>());
            if (catchingUp.contains(line.host())) {
                if (line.at().isBefore(last) || line.at().equals(last) && printed.contains(line.message())) {
                    return true;
                }
                catchingUp.remove(line.host());
            }
            if (!line.at().equals(last)) {
                printed.clear();
                lastAt.put(line.host(), line.at());
            }
            printed.add(line.message());
        }
        printer.print(line);
        return true;
    }

    private static void sleep(Duration retry) {
        try {
            Thread.sleep(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
