package dev.deployer.server.run;

import dev.deployer.api.RunRequest;
import dev.deployer.server.apps.App;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.HostFailure;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.releases.Release;
import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.remote.RunCommands;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteFailure;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One-off commands in an app's current release ({@code deployer run}): everything that can refuse a run is checked
 * here, before any output is streamed, so a refusal is a plain 4xx answer. Audited by the command's words and where
 * it runs; env values never pass through the server at all (the transient unit reads the host's env file).
 */
public class OneOffRuns {
    static final int MAX_WORDS = 256;
    static final int MAX_COMMAND_CHARS = 32 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostAccess ssh;
    private final Function<String, HostTarget> targets;
    private final Function<App, Optional<Release>> currentRelease;
    private final AuditLog audit;

    public OneOffRuns(HostAccess ssh, Function<String, HostTarget> targets, Function<App, Optional<Release>> currentRelease,
                      AuditLog audit) {
        this.ssh = ssh;
        this.targets = targets;
        this.currentRelease = currentRelease;
        this.audit = audit;
    }

    /** A run ready to start: its host, where it runs there, its words, its limit and the id of its transient unit. */
    record Prepared(App app, HostTarget host, RunCommands.Place place, List<String> words, Duration limit, String runId) {
        String unit() {
            return RunCommands.unitName(app.name(), runId);
        }

        RemoteCommand start() {
            return RunCommands.start(app.name(), runId, place, limit, words).privileged(host.root());
        }

        RemoteCommand stop() {
            return RunCommands.stop(app.name(), runId).privileged(host.root());
        }
    }

    /** Checks the request, finds the host's current release and records the run in the audit log; throws 400/409/502. */
    Prepared prepare(Caller caller, App app, RunRequest request) {
        if (request == null) {
            throw new InvalidInput("send {\"command\": [\"PROGRAM\", \"ARG\", ...]}");
        }
        List<String> words = InvalidInput.check(() -> words(request.command()));
        Duration limit = InvalidInput.check(() -> limit(request.timeoutSeconds()));
        String hostName = InvalidInput.check(() -> host(app, request.host()));
        if (currentRelease.apply(app).isEmpty()) {
            throw new Conflict("app " + app.name() + " has no release yet: deploy it first (git push, or deployer deploy "
                    + app.name() + ")");
        }
        HostTarget host = targets.apply(hostName);
        RunCommands.Place place = place(app, host);
        Prepared run = new Prepared(app, host, place, words, limit, runId());
        audit.record(caller, "run", app.name(), "on " + host.name() + " in v" + place.version() + " as " + run.unit()
                + ", limit " + limit.toSeconds() + " s: " + RemoteCommand.of(words).render());
        return run;
    }

    private RunCommands.Place place(App app, HostTarget host) {
        CommandResult links;
        try {
            links = ssh.runAllowingFailure(host, "run", RunCommands.readLinks(app.name()).privileged(host.root()), READ_TIMEOUT);
        } catch (RemoteFailure e) {
            throw new HostFailure(e.getMessage());
        }
        return RunCommands.place(app.name(), links.stdout(), app.zeroDowntime()).orElseThrow(() -> new Conflict(
                "host " + host.name() + " has no current release of " + app.name() + ": deploy again, or run on another "
                        + "host with --host"));
    }

    static List<String> words(List<String> command) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command must be a list of words, program first, e.g. [\"sh\", \"-c\", \"echo hi\"]");
        }
        if (command.size() > MAX_WORDS) {
            throw new IllegalArgumentException("a command has at most " + MAX_WORDS + " words (got " + command.size() + ")");
        }
        if (command.stream().anyMatch(word -> word == null || word.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("a command word may not be null or contain a NUL character");
        }
        if (command.get(0).isBlank()) {
            throw new IllegalArgumentException("the first word of a command is the program to run; it is empty");
        }
        if (command.stream().mapToInt(String::length).sum() > MAX_COMMAND_CHARS) {
            throw new IllegalArgumentException("a command has at most " + MAX_COMMAND_CHARS + " characters in all");
        }
        return List.copyOf(command);
    }

    static Duration limit(Integer seconds) {
        if (seconds == null) {
            return RunCommands.DEFAULT_LIMIT;
        }
        long max = RunCommands.MAX_LIMIT.toSeconds();
        if (seconds < 1 || seconds > max) {
            throw new IllegalArgumentException("timeoutSeconds must be 1.." + max + " (got " + seconds + ")");
        }
        return Duration.ofSeconds(seconds);
    }

    static String host(App app, String host) {
        if (app.hosts().isEmpty()) {
            throw new IllegalArgumentException("app " + app.name() + " has no hosts to run on: add one with deployer apps update");
        }
        if (host == null || host.isBlank()) {
            return app.hosts().get(0);
        }
        if (!app.hosts().contains(host)) {
            throw new IllegalArgumentException("host " + host + " is not one of " + app.name() + "'s hosts ("
                    + app.hosts().stream().collect(Collectors.joining(", ")) + ")");
        }
        return host;
    }

    private static String runId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    HostAccess ssh() {
        return ssh;
    }
}
