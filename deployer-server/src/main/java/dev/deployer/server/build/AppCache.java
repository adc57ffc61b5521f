package dev.deployer.server.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One app's build caches in the sandbox: its Maven repository and wrapper downloads (m2) and its
 * Gradle home (gradle). Only that app's builds see them, so no build can change what another app's
 * build runs; a shared Maven repository, if any, is mounted read-only beside them.
 */
final class AppCache {
    private final Path dir;

    AppCache(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Creates m2/repository and gradle when missing and hands them to the build user. */
    void prepareFor(Sandbox sandbox) {
        try {
            Files.createDirectories(dir.resolve("m2").resolve("repository"));
            Files.createDirectories(dir.resolve("gradle"));
            for (Path owned : new Path[] {dir.resolve("m2"), dir.resolve("m2").resolve("repository"), dir.resolve("gradle")}) {
                Owners.give(owned, sandbox.machine().uid(), sandbox.machine().gid());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build cache " + dir, e);
        }
    }
}
