package dev.deployer.server.build;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Looks at the machine's processes, to prove a build left none behind. */
final class Processes {
    private Processes() {}

    /** Command lines of running processes containing {@code fragment}, after giving killed ones a moment to go. */
    static List<String> running(String fragment) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        List<String> found;
        do {
            found = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .map(handle -> handle.info().commandLine().orElse(""))
                    .filter(commandLine -> commandLine.contains(fragment))
                    .toList();
            if (found.isEmpty()) {
                return found;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        return found;
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 seconds");
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
