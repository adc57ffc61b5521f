package dev.deployer.server.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real process factory, remembering every build process it started and with which environment. */
final class RecordingProcessFactory implements ProcessFactory {
    record Started(List<String> command, Map<String, String> environment) {}

    final List<Started> started = new CopyOnWriteArrayList<>();

    @Override
    public Process start(List<String> command, Path directory, Map<String, String> environment) throws IOException {
        started.add(new Started(command, Map.copyOf(environment)));
        return ProcessFactory.SYSTEM.start(command, directory, environment);
    }
}
