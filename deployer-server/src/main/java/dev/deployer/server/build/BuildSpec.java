package dev.deployer.server.build;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to build for an app: its configured build command (a list of words, split by
 * {@link CommandWords}, never a shell line) and artifact path, each detected when empty, and the
 * time limit of one build.
 */
public record BuildSpec(String app, Optional<String> buildCommand, Optional<String> artifactPath, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    public BuildSpec {
        Objects.requireNonNull(app, "app");
        buildCommand = buildCommand.filter(command -> !command.isBlank());
        artifactPath = artifactPath.filter(path -> !path.isBlank());
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a build timeout must be positive (got " + timeout + ")");
        }
    }

    /** An app with nothing configured: detect the build and the jar, 15 minutes at most. */
    public static BuildSpec detected(String app) {
        return new BuildSpec(app, Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
    }
}
