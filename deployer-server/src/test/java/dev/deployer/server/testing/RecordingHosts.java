package dev.deployer.server.testing;

import dev.deployer.server.remote.RemoteCommand;
import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.FreshLogin;
import dev.deployer.server.ssh.HostAccess;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.OutputChunk;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.ssh.RemoteFailures;
import dev.deployer.server.ssh.RemoteProcess;
import dev.deployer.server.ssh.RemoteStream;
import dev.deployer.server.ssh.UploadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link HostAccess} that touches no host. It records every call in order (host, step, the command's exact words,
 * the file path or upload target) and answers from a script of {@link HostScript.Rule rules}: by command prefix,
 * host, step or any matcher; exit code, stdout, stderr, HTTP status; or a thrown {@link RemoteFailure} of a kind,
 * an unexpected exception, a delay or a block. With no rule matching, every command exits 0 with no output, every
 * upload sends the file, and every health GET answers 200.
 *
 * <p>Each call is matched against its {@link Call#text() text}: the command's words joined by spaces (chains by
 * {@code " && "}), {@code write PATH}, {@code upload PATH}, {@code GET :PORT/PATH}, {@code login}, {@code keyscan},
 * {@code forget}.
 */
public final class RecordingHosts implements HostAccess {
    /** Which method of {@link HostAccess} a call came through. */
    public enum Via { RUN, RUN_ALLOWING_FAILURE, WRITE_FILE, UPLOAD, FORWARD_GET, STREAM, START, FRESH_LOGIN, LOGIN_RUN, FETCH_KEY, FORGET }

    /** One recorded call; {@code words} holds each step of a command (empty for other calls), {@code content} a file's bytes. */
    public record Call(String host, String step, Via via, String text, List<List<String>> words, byte[] content) {
        /** {@code web1 restart: systemctl restart -- shop.service}, for readable assertions and failure messages. */
        @Override
        public String toString() {
            return host + " " + step + ": " + text;
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HostScript script = new HostScript();

    /** A rule for calls whose text starts with {@code prefix}, on any host. Newer rules win over older ones. */
    public HostScript.Rule when(String prefix) {
        return script.add(call -> call.text().startsWith(prefix));
    }

    /** A rule for calls on {@code host} whose text starts with {@code prefix}. */
    public HostScript.Rule when(String host, String prefix) {
        return script.add(call -> call.host().equals(host) && call.text().startsWith(prefix));
    }

    /** A rule for every call made during {@code step} on {@code host}, whatever it runs. */
    public HostScript.Rule whenStep(String host, String step) {
        return script.add(call -> call.host().equals(host) && call.step().equals(step));
    }

    public HostScript.Rule when(Predicate<Call> matcher) {
        return script.add(matcher);
    }

    /** Every call so far, in the order they were made (across hosts: the order they happened to run in). */
    public Calls calls() {
        return new Calls(List.copyOf(calls));
    }

    @Override
    public CommandResult run(HostTarget host, String step, RemoteCommand command, Duration timeout) {
        return command(host, step, command, Via.RUN, null);
    }

    @Override
    public CommandResult run(HostTarget host, String step, RemoteCommand command) {
        return command(host, step, command, Via.RUN, null);
    }

    @Override
    public CommandResult run(HostTarget host, String step, RemoteCommand command, byte[] stdin, Duration timeout) {
        return command(host, step, command, Via.RUN, stdin);
    }

    @Override
    public CommandResult run(HostTarget host, String step, RemoteCommand command, Path stdin, Duration timeout) {
        try {
            return run(host, step, command, Files.readAllBytes(stdin), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command, Duration timeout) {
        return command(host, step, command, Via.RUN_ALLOWING_FAILURE, null);
    }

    @Override
    public CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command, byte[] stdin, Duration timeout) {
        return command(host, step, command, Via.RUN_ALLOWING_FAILURE, stdin);
    }

    @Override
    public CommandResult runAllowingFailure(HostTarget host, String step, RemoteCommand command) {
        return command(host, step, command, Via.RUN_ALLOWING_FAILURE, null);
    }

    @Override
    public void writeFile(HostTarget host, String step, String path, byte[] content, String mode, String owner) {
        CommandResult result = answer(host, new Call(host.name(), step, Via.WRITE_FILE, "write " + path, List.of(),
                content.clone())).result();
        failOnExit(host, step, "dd", result);
    }

    @Override
    public UploadResult upload(HostTarget host, String step, Path localFile, String remotePath, String sha256) {
        HostScript.Rule rule = answer(host, new Call(host.name(), step, Via.UPLOAD, "upload " + remotePath, List.of(), null));
        failOnExit(host, step, "sha256sum", rule.result());
        if (rule.uploadSkipped()) {
            return new UploadResult(true, 0);
        }
        try {
            return new UploadResult(false, Files.size(localFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int forwardAndGet(HostTarget host, int remotePort, String path, Duration timeout) {
        return answer(host, new Call(host.name(), "health check", Via.FORWARD_GET, "GET :" + remotePort + path, List.of(), null))
                .httpStatus();
    }

    @Override
    public RemoteStream stream(HostTarget host, String step, RemoteCommand command, Consumer<String> lines) {
        CommandResult result = answer(host, commandCall(host, step, command, Via.STREAM, null)).result();
        FakeStream stream = new FakeStream();
        result.stdout().lines().forEach(lines);
        return stream;
    }

    /** The rule's stdout, then its stderr, as one chunk each; the process has ended with the rule's exit code. */
    @Override
    public RemoteProcess start(HostTarget host, String step, RemoteCommand command, Consumer<OutputChunk> output) {
        CommandResult result = answer(host, commandCall(host, step, command, Via.START, null)).result();
        if (!result.stdout().isEmpty()) {
            output.accept(new OutputChunk(false, result.stdout()));
        }
        if (!result.stderr().isEmpty()) {
            output.accept(new OutputChunk(true, result.stderr()));
        }
        return RemoteProcess.ended(result.exitCode());
    }

    @Override
    public String fetchHostKey(String address, int port) {
        HostTarget asked = new HostTarget(address + ":" + port, address, port, "root", "?", "?");
        return answer(asked, new Call(asked.name(), "keyscan", Via.FETCH_KEY, "keyscan", List.of(), null)).result().stdout();
    }

    @Override
    public FreshLogin freshLogin(HostTarget host, String step) {
        answer(host, new Call(host.name(), step, Via.FRESH_LOGIN, "login", List.of(), null));
        return new FreshLogin() {
            @Override
            public CommandResult runAllowingFailure(RemoteCommand command, Duration timeout) {
                return answer(host, commandCall(host, step, command, Via.LOGIN_RUN, null)).result();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void forget(String hostName) {
        calls.add(new Call(hostName, "forget", Via.FORGET, "forget", List.of(), null));
    }

    private CommandResult command(HostTarget host, String step, RemoteCommand command, Via via, byte[] stdin) {
        CommandResult result = answer(host, commandCall(host, step, command, via, stdin)).result();
        if (via == Via.RUN) {
            failOnExit(host, step, command.program(), result);
        }
        return result;
    }

    private static Call commandCall(HostTarget host, String step, RemoteCommand command, Via via, byte[] stdin) {
        List<List<String>> words = command.steps().stream().map(RemoteCommand::words).toList();
        String text = String.join(" && ", words.stream().map(w -> String.join(" ", w)).toList());
        return new Call(host.name(), step, via, text, words, stdin == null ? null : stdin.clone());
    }

    /** Records the call, then plays the newest matching rule: its delay or block, its thrown failure, or its answer. */
    private HostScript.Rule answer(HostTarget host, Call call) {
        calls.add(call);
        HostScript.Rule rule = script.match(call);
        rule.play(host, call);
        return rule;
    }

    private static void failOnExit(HostTarget host, String step, String program, CommandResult result) {
        if (!result.ok()) {
            throw RemoteFailures.commandFailed(host, step, program, result);
        }
    }

    /** The recorded calls, filtered for assertions: {@code hosts.calls().on("web2").after("systemctl restart").texts()}. */
    public record Calls(List<Call> all) {
        public Calls on(String host) {
            return new Calls(all.stream().filter(c -> c.host().equals(host)).toList());
        }

        public Calls inStep(String step) {
            return new Calls(all.stream().filter(c -> c.step().equals(step)).toList());
        }

        public Calls via(Via via) {
            return new Calls(all.stream().filter(c -> c.via() == via).toList());
        }

        public Calls startingWith(String prefix) {
            return new Calls(all.stream().filter(c -> c.text().startsWith(prefix)).toList());
        }

        /** The calls after the first one whose text starts with {@code prefix}; all calls' tail when none does: empty. */
        public Calls after(String prefix) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).text().startsWith(prefix)) {
                    return new Calls(all.subList(i + 1, all.size()));
                }
            }
            return new Calls(List.of());
        }

        /** The calls after the first one whose text contains {@code fragment} (a step inside a chain); none: empty. */
        public Calls afterContaining(String fragment) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).text().contains(fragment)) {
                    return new Calls(all.subList(i + 1, all.size()));
                }
            }
            return new Calls(List.of());
        }

        /** What each call ran or touched, in order. */
        public List<String> texts() {
            return all.stream().map(Call::text).toList();
        }

        /** {@code host step: text} per call, in order. */
        public List<String> lines() {
            return all.stream().map(Call::toString).toList();
        }

        public List<String> steps() {
            List<String> steps = new ArrayList<>();
            all.forEach(c -> {
                if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(c.step())) {
                    steps.add(c.step());
                }
            });
            return steps;
        }

        public int size() {
            return all.size();
        }

        public boolean isEmpty() {
            return all.isEmpty();
        }

        @Override
        public String toString() {
            return String.join("\n", lines());
        }
    }

    /** A stream that ends when closed. */
    private static final class FakeStream implements RemoteStream {
        private final CompletableFuture<Void> finished = new CompletableFuture<>();

        @Override
        public CompletableFuture<Void> finished() {
            return finished;
        }

        @Override
        public boolean isOpen() {
            return !finished.isDone();
        }

        @Override
        public void close() {
            finished.complete(null);
        }
    }
}
