package dev.deployer.testhosts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code scripts/testhosts} of this repository. Instances are immutable; {@link #withEnv} gives one
 * that runs the script with extra environment, e.g. another {@code TESTHOSTS_PREFIX} and subnet so a
 * test can manage its own hosts without touching the shared {@code th*} hosts.
 */
public final class TestHostsScript {

    /** Time allowed for {@code up}: the first run debootstraps the base tree (a few minutes). */
    public static final Duration UP_TIMEOUT =
            Duration.ofSeconds(Long.getLong("testhosts.timeout.seconds", 900));
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(120);

    private final Path script;
    private final Map<String, String> env;

    private TestHostsScript(Path script, Map<String, String> env) {
        this.script = script;
        this.env = Map.copyOf(env);
    }

    /**
     * Finds {@code scripts/testhosts}: system property {@code testhosts.script} if set, otherwise the
     * first directory at or above the working directory that contains {@code scripts/testhosts}.
     *
     * @throws IllegalStateException when there is none
     */
    public static TestHostsScript locate() {
        String explicit = System.getProperty("testhosts.script");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("testhosts.script=" + explicit + " is not a file");
            }
            return new TestHostsScript(path, Map.of());
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts").resolve("testhosts");
            if (Files.isRegularFile(candidate)) {
                return new TestHostsScript(candidate, Map.of());
            }
        }
        throw new IllegalStateException("no scripts/testhosts in " + start + " or any directory above it;"
                + " run the tests inside the deployer repository or set -Dtesthosts.script=PATH");
    }

    /** This script, run with {@code extra} added to its environment (e.g. {@code TESTHOSTS_PREFIX}). */
    public TestHostsScript withEnv(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(extra);
        return new TestHostsScript(script, merged);
    }

    public Path path() {
        return script;
    }

    /** The repository root (the parent of {@code scripts/}). */
    public Path repoRoot() {
        return script.getParent().getParent();
    }

    /** Extra environment this instance passes to the script. */
    public Map<String, String> env() {
        return env;
    }

    /** Runs {@code scripts/testhosts args...}; stderr is merged into {@link CommandResult#stdout()}. */
    public CommandResult run(Duration timeout, String... args) {
        return run(timeout, false, args);
    }

    private CommandResult run(Duration timeout, boolean echo, String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", script.toString()));
        argv.addAll(List.of(args));
        return Processes.run(argv, env, timeout, true, echo ? System.out::println : null);
    }

    /** {@code up count}, echoing the script's progress to standard output as it goes. */
    public CommandResult up(int count) {
        return run(UP_TIMEOUT, true, "up", Integer.toString(count));
    }

    /** {@code down}: stops and removes every host of this instance's prefix. */
    public CommandResult down() {
        return run(SHORT_TIMEOUT, true, "down");
    }

    /** {@code rekey name}, failing with the script's output when it does not succeed. */
    public void rekey(String name) {
        run(SHORT_TIMEOUT, "rekey", name).orThrow();
    }

    /**
     * Hosts that have state under this prefix, with their current state, parsed from {@code env}.
     * Waits while another process runs {@code up} or {@code down}.
     */
    public List<Entry> list() {
        CommandResult result = run(UP_TIMEOUT, "env");
        if (!result.ok()) {
            throw new IllegalStateException("scripts/testhosts env failed:\n" + result.tail(20));
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : result.stdout().lines().toList()) {
            if (!line.startsWith("name=")) {
                continue; // log lines, if any
            }
            Map<String, String> fields = new HashMap<>();
            for (String word : line.trim().split("\\s+")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    fields.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
            TestHost host = new TestHost(fields.get("name"), fields.get("address"),
                    Integer.parseInt(fields.get("port")), Path.of(fields.get("key")),
                    fields.get("root_user"), fields.get("deploy_user"));
            entries.add(new Entry(host, fields.getOrDefault("state", "unknown")));
        }
        return entries;
    }

    /** One line of {@code scripts/testhosts env}. */
    public record Entry(TestHost host, String state) {
        /** Whether systemd on the host reports {@code running} (SSH works and no unit failed). */
        public boolean running() {
            return "running".equals(state);
        }
    }

    @Override
    public String toString() {
        return script + (env.isEmpty() ? "" : " " + env);
    }
}
