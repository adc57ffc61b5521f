package dev.deployer.server.build;

import java.nio.file.Path;

/** A built jar in the {@link ArtifactStore}: its content hash, size, file in the store and source commit. */
public record Artifact(String sha256, long size, Path file, String commit) {}
