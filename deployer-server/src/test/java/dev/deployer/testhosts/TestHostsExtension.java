package dev.deployer.testhosts;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that gives integration tests real Linux hosts from {@code scripts/testhosts}.
 *
 * <ul>
 *   <li>Before a test class runs, makes sure at least N hosts ({@code th1..thN}) are up: N comes from
 *       {@link WithTestHosts} on the class, else system property {@code testhosts.count}, else 3.
 *       Hosts already running (started by hand or by an earlier class) are reused; otherwise the
 *       extension runs {@code scripts/testhosts up N}, once per JVM and count, via the root store.</li>
 *   <li>Resolves parameters of type {@link TestHosts} and {@code List<TestHost>} (a method-level
 *       {@link WithTestHosts} may ask for more hosts than the class).</li>
 *   <li>When the hosts cannot be started the test fails with the reason and the tail of the
 *       script's output; it is never skipped.</li>
 *   <li>Hosts started by a test JVM are taken down when the last JVM using them finishes, unless
 *       {@code -Dtesthosts.keep=true}; hosts started by hand are left running. Every JVM using the
 *       hosts holds a shared lock on {@code $TESTHOSTS_RUN/users-th.lock}, so parallel test JVMs
 *       (e.g. {@code mvn -T}) never take hosts down under each other, and
 *       {@code scripts/testhosts down} refuses to while the lock is held.</li>
 * </ul>
 */
public final class TestHostsExtension implements BeforeAllCallback, ParameterResolver {

    /** Hosts a test gets when neither the annotation nor {@code testhosts.count} says otherwise. */
    public static final int DEFAULT_COUNT = 3;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestHostsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        pool(context).ensure(classCount(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TestHosts.class) {
            return true;
        }
        if (type == List.class) {
            Type generic = parameterContext.getParameter().getParameterizedType();
            return generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] == TestHost.class;
        }
        return false;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        int count = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, WithTestHosts.class))
                .map(a -> resolveCount(a.value()))
                .orElseGet(() -> classCount(context));
        TestHosts hosts = pool(context).ensure(count);
        return parameterContext.getParameter().getType() == TestHosts.class ? hosts : hosts.all();
    }

    private static int classCount(ExtensionContext context) {
        // The annotation of a @Nested class's enclosing class counts for it too.
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<WithTestHosts> annotation = AnnotationSupport.findAnnotation(c, WithTestHosts.class);
            if (annotation.isPresent()) {
                return resolveCount(annotation.get().value());
            }
        }
        return resolveCount(-1);
    }

    private static int resolveCount(int annotated) {
        int count = annotated > 0 ? annotated : Integer.getInteger("testhosts.count", DEFAULT_COUNT);
        if (count < 1 || count > 50) {
            throw new ExtensionConfigurationException("test host count must be 1..50, got " + count);
        }
        return count;
    }

    private static Pool pool(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Pool.class, k -> new Pool(), Pool.class);
    }

    /** Per-JVM state, kept in the root store so JUnit closes it when the whole test plan is done. */
    static final class Pool implements AutoCloseable {
        /** Same defaults as scripts/testhosts; the extension always manages the default set. */
        private static final Path RUN =
                Path.of(System.getenv().getOrDefault("TESTHOSTS_RUN", "/run/deployer-testhosts"));
        private static final String PREFIX = System.getenv().getOrDefault("TESTHOSTS_PREFIX", "th");
        private static final Path AUTOSTARTED = RUN.resolve("autostarted-" + PREFIX);
        /** Shared-locked by every JVM using the hosts; `scripts/testhosts down` refuses while it is. */
        private static final Path USERS_LOCK = RUN.resolve("users-" + PREFIX + ".lock");

        private TestHostsScript script;
        private int ready;                 // hosts known to be up, th1..th{ready}
        private List<TestHost> hosts = List.of();
        private FileChannel usersChannel;
        private FileLock usersLock;        // shared while this JVM may use the hosts
        private RuntimeException failure; // remembered so later classes fail fast with the same cause

        synchronized TestHosts ensure(int count) {
            if (failure != null) {
                // A fresh exception per class, same message and cause.
                throw new IllegalStateException(failure.getMessage(), failure.getCause());
            }
            try {
                if (script == null) {
                    script = TestHostsScript.locate();
                    registerAsUser();
                }
                if (count > ready) {
                    start(count);
                }
                return new TestHosts(hosts.subList(0, count), script);
            } catch (RuntimeException e) {
                failure = new IllegalStateException("Test hosts are not available: " + e.getMessage(), e);
                throw failure;
            }
        }

        /** Takes the shared lock that tells other JVMs' {@link #close()} the hosts are in use. */
        private void registerAsUser() {
            try {
                Files.createDirectories(RUN);
                usersChannel = FileChannel.open(USERS_LOCK,
                        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                usersLock = usersChannel.lock(0, Long.MAX_VALUE, true);
            } catch (IOException e) {
                throw new IllegalStateException("cannot lock " + USERS_LOCK + " (" + e
                        + "); the harness needs root", e);
            }
        }

        private void start(int count) {
            List<TestHostsScript.Entry> listed = script.list();
            if (allRunning(listed, count)) {
                hosts = listed.stream().map(TestHostsScript.Entry::host).toList();
                ready = count;
                return;
            }
            long t0 = System.nanoTime();
            CommandResult up = script.up(count);
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            if (!up.ok()) {
                throw new IllegalStateException("`" + script.path() + " up " + count + "` "
                        + (up.timedOut() ? "timed out" : "exited " + up.exitCode()) + " after " + seconds + " s."
                        + hint(up) + " Last output:\n" + up.tail(40));
            }
            try {
                Files.writeString(AUTOSTARTED, ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + AUTOSTARTED + ": " + e, e);
            }
            listed = script.list();
            if (!allRunning(listed, count)) {
                throw new IllegalStateException("`up " + count + "` succeeded but `env` lists " + listed);
            }
            hosts = listed.stream().map(TestHostsScript.Entry::host).toList();
            ready = count;
        }

        private static boolean allRunning(List<TestHostsScript.Entry> listed, int count) {
            return listed.size() >= count && listed.subList(0, count).stream().allMatch(TestHostsScript.Entry::running);
        }

        private static String hint(CommandResult up) {
            String out = up.stdout();
            if (out.contains("must run as root")) {
                return " The harness needs root (network namespaces, mounts, cgroups).";
            }
            if (up.timedOut()) {
                return " Raise -Dtesthosts.timeout.seconds if the first build of the base tree is slow.";
            }
            return "";
        }

        /**
         * Takes the hosts down if a test JVM started them and no other JVM still uses them: after
         * dropping its own shared lock, only the last user gets the exclusive one.
         */
        @Override
        public synchronized void close() throws IOException {
            if (usersChannel == null) {
                return;
            }
            try (FileChannel channel = usersChannel) {
                usersLock.release();
                if (Boolean.getBoolean("testhosts.keep") || !Files.exists(AUTOSTARTED)) {
                    return;
                }
                try (FileLock exclusive = channel.tryLock()) {
                    if (exclusive == null) {
                        return; // another JVM is still using the hosts; the last one takes them down
                    }
                    CommandResult down = script.down();
                    if (!down.ok()) {
                        System.err.println("[testhosts] down failed: " + down.tail(20));
                    }
                }
            }
        }
    }
}
