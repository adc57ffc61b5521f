package dev.deployer.server.build;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts build processes: the one place a local process is created, injectable so tests can count and time builds. */
@FunctionalInterface
public interface ProcessFactory {
    /** Starts {@code command} in {@code directory} with exactly {@code environment}, stderr merged into stdout. */
    Process start(List<String> command, Path directory, Map<String, String> environment) throws IOException;

    ProcessFactory SYSTEM = (command, directory, environment) -> {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                // Nobody types into a build: a prompt must fail at once, not wait for the time limit.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    };
}
