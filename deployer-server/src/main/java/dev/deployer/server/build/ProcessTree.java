package dev.deployer.server.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kills what a build started. Its descendants are found while the build runs; processes that
 * outlived their parent (a {@code &} job of a failed script, a daemon) are no longer anyone's
 * descendant, so they are found by the {@link BuildEnvironment#MARKER} variable they inherited,
 * the way Jenkins finds a build's leftovers. Linux only for the marker (it reads /proc).
 */
final class ProcessTree {
    private static final int ROUNDS = 5;

    private ProcessTree() {}

    /** Kills {@code root}, its descendants and every process marked with {@code buildId}; returns how many were killed. */
    static int killAll(ProcessHandle root, String buildId) {
        int killed = 0;
        // Several rounds: a process may fork between being found and being killed.
        for (int round = 0; round < ROUNDS; round++) {
            Set<ProcessHandle> alive = find(root, buildId);
            if (alive.isEmpty()) {
                break;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle handle : alive) {
                awaitExit(handle);
            }
            killed += alive.size();
        }
        return killed;
    }

    private static Set<ProcessHandle> find(ProcessHandle root, String buildId) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        if (root.isAlive()) {
            found.add(root);
            root.descendants().forEach(found::add);
        }
        ProcessHandle.allProcesses()
                .filter(handle -> handle.pid() != ProcessHandle.current().pid() && isMarked(handle.pid(), buildId))
                .forEach(handle -> {
                    found.add(handle);
                    handle.descendants().forEach(found::add);
                });
        found.removeIf(handle -> !isRunning(handle));
        return found;
    }

    /** A zombie is already dead, only not yet reaped by its parent: killing it again cannot help. */
    private static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | SecurityException e) {
            return !Files.isDirectory(Path.of("/proc", "self")); // no /proc: trust isAlive
        }
    }

    private static boolean isMarked(long pid, String buildId) {
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            String wanted = BuildEnvironment.MARKER + "=" + buildId;
            for (String variable : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                if (variable.equals(wanted)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return false; // gone already, another user's, or no /proc
        }
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // not gone within the wait: the next round looks again
        }
    }
}
