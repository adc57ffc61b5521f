package dev.deployer.server.testing;

import dev.deployer.server.ssh.CommandResult;
import dev.deployer.server.ssh.HostTarget;
import dev.deployer.server.ssh.RemoteFailure;
import dev.deployer.server.ssh.RemoteFailures;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The answers of a {@link RecordingHosts}: rules tried newest first; the default rule answers exit 0, HTTP 200. */
public final class HostScript {
    private final Deque<Rule> rules = new ArrayDeque<>();
    private final Rule fallback = new Rule(call -> true);

    synchronized Rule add(Predicate<RecordingHosts.Call> matcher) {
        Rule rule = new Rule(matcher);
        rules.addFirst(rule);
        return rule;
    }

    synchronized Rule match(RecordingHosts.Call call) {
        for (Rule rule : rules) {
            if (rule.matcher.test(call) && rule.take()) {
                return rule;
            }
        }
        return fallback;
    }

    /** What matching calls get. Setters return the rule, so a script reads as one line per rule. */
    public static final class Rule {
        private final Predicate<RecordingHosts.Call> matcher;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final AtomicInteger matched = new AtomicInteger();
        private volatile int uses = -1;
        private volatile CommandResult result = new CommandResult(0, "", "");
        private volatile int httpStatus = 200;
        private volatile boolean uploadSkipped;
        private volatile RemoteFailure.Kind failure;
        private volatile Supplier<RuntimeException> unexpected;
        private volatile Duration delay;
        private volatile CountDownLatch block;
        private volatile boolean blockIgnoresInterrupts;

        private Rule(Predicate<RecordingHosts.Call> matcher) {
            this.matcher = matcher;
        }

        /** Exits with {@code exitCode}: {@code run} then throws COMMAND_FAILED, {@code runAllowingFailure} returns it. */
        public Rule exits(int exitCode, String stdout, String stderr) {
            this.result = new CommandResult(exitCode, stdout, stderr);
            return this;
        }

        public Rule exits(int exitCode) {
            return exits(exitCode, "", "");
        }

        /** Exits 0, printing {@code stdout}. */
        public Rule prints(String stdout) {
            return exits(0, stdout, "");
        }

        /** What a health GET answers: an HTTP status, or -1 for nothing listening. */
        public Rule answersHttp(int status) {
            this.httpStatus = status;
            return this;
        }

        /** An upload finds the target already holds the sha256 and sends nothing. */
        public Rule skipsUpload() {
            this.uploadSkipped = true;
            return this;
        }

        /** Throws the {@link RemoteFailure} of {@code kind} SshHosts would throw for this host and step. */
        public Rule fails(RemoteFailure.Kind kind) {
            this.failure = kind;
            return this;
        }

        /** Throws {@code exception} in the middle of the step: a bug, not a host's answer. */
        public Rule throwsUnexpected(Supplier<RuntimeException> exception) {
            this.unexpected = exception;
            return this;
        }

        /** Sleeps first; an interrupt ends the call as a lost connection, with the interrupt flag kept, as SSH does. */
        public Rule delays(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** Waits for {@code release} first; an interrupt ends the call as a lost connection, as SSH does. */
        public Rule blocksUntil(CountDownLatch release) {
            this.block = release;
            this.blockIgnoresInterrupts = false;
            return this;
        }

        /** Waits for {@code release} whatever happens: a remote step in flight that an interrupt does not cut short. */
        public Rule holdsUntil(CountDownLatch release) {
            this.block = release;
            this.blockIgnoresInterrupts = true;
            return this;
        }

        /** Applies to the next {@code count} matching calls only; later ones fall through to older rules. */
        public Rule times(int count) {
            this.uses = count;
            return this;
        }

        public Rule once() {
            return times(1);
        }

        /** True once a call matched this rule, within {@code timeout}. */
        public boolean awaitEntered(Duration timeout) throws InterruptedException {
            return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** How many calls this rule answered. */
        public int matched() {
            return matched.get();
        }

        CommandResult result() {
            return result;
        }

        int httpStatus() {
            return httpStatus;
        }

        boolean uploadSkipped() {
            return uploadSkipped;
        }

        private synchronized boolean take() {
            if (uses == 0) {
                return false;
            }
            if (uses > 0) {
                uses--;
            }
            return true;
        }

        void play(HostTarget host, RecordingHosts.Call call) {
            matched.incrementAndGet();
            entered.countDown();
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    throw lost(host, call, e);
                }
            }
            if (block != null) {
                waitFor(host, call);
            }
            if (unexpected != null) {
                throw unexpected.get();
            }
            if (failure != null) {
                throw RemoteFailures.of(failure, host, call.step());
            }
        }

        private void waitFor(HostTarget host, RecordingHosts.Call call) {
            boolean interrupted = false;
            while (true) {
                try {
                    block.await();
                    break;
                } catch (InterruptedException e) {
                    if (!blockIgnoresInterrupts) {
                        throw lost(host, call, e);
                    }
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private static RemoteFailure lost(HostTarget host, RecordingHosts.Call call, InterruptedException e) {
            Thread.currentThread().interrupt();
            return RemoteFailures.of(RemoteFailure.Kind.CONNECTION_LOST, host, call.step());
        }
    }
}
