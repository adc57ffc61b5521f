package dev.deployer.server.build;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Picks the jar a build produced: the app's artifact path when set (a {@code *} may stand for a
 * version in the file name), otherwise the one runnable jar in Maven's {@code target/} or
 * Gradle's {@code build/libs/}, at the root or in a module one level down. Runnable means a
 * Main-Class in the manifest, which Spring Boot's launcher has too.
 */
final class RunnableJars {
    private static final List<String> OUTPUT_DIRS = List.of("target", "build/libs");

    private RunnableJars() {}

    /** The artifact in the built {@code source} tree; throws {@link BuildFailure} naming what was found otherwise. */
    static Path find(Path source, Optional<String> artifactPath, List<String> lastLines) {
        return artifactPath.map(path -> configured(source, path, lastLines)).orElseGet(() -> detect(source, lastLines));
    }

    private static Path configured(Path source, String artifactPath, List<String> lastLines) {
        Path wanted = source.resolve(artifactPath).normalize();
        List<Path> matches = new ArrayList<>();
        if (wanted.startsWith(source) && Files.isDirectory(wanted.getParent())) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(wanted.getParent(), wanted.getFileName().toString())) {
                files.forEach(matches::add);
            } catch (IOException e) {
                throw new BuildFailure("cannot read " + source.relativize(wanted.getParent()) + " (" + e.getMessage() + ")", lastLines);
            }
        }
        matches.removeIf(file -> !Files.isRegularFile(file) || !isInside(source, file));
        if (matches.size() != 1) {
            throw new BuildFailure("the app's artifact path " + artifactPath + " matches " + matches.size()
                    + " files after the build" + (matches.isEmpty() ? "" : " (" + names(source, matches) + ")")
                    + "; jars found: " + describeAll(source) + ": set the app's artifact path to exactly one of them", lastLines);
        }
        return matches.get(0);
    }

    private static Path detect(Path source, List<String> lastLines) {
        List<Path> jars = candidates(source);
        List<Path> runnable = jars.stream().filter(RunnableJars::isRunnable).toList();
        if (runnable.size() == 1) {
            return runnable.get(0);
        }
        String example = source.relativize(runnable.isEmpty() ? source.resolve("target/app.jar") : runnable.get(0)).toString();
        String found = runnable.isEmpty()
                ? "found no runnable jar (one with a Main-Class in its manifest) in target/ or build/libs/"
                        + (jars.isEmpty() ? "" : "; jars found: " + describeAll(source))
                : "found " + runnable.size() + " runnable jars: " + names(source, runnable);
        throw new BuildFailure(found + "; set the app's artifact path (e.g. --artifact " + example + ")", lastLines);
    }

    /** Built jars, without the ones that are not the application: sources, javadoc, shade's originals, Spring Boot's plain jar. */
    static List<Path> candidates(Path source) {
        List<Path> modules = new ArrayList<>(List.of(source));
        try (DirectoryStream<Path> children = Files.newDirectoryStream(source, Files::isDirectory)) {
            children.forEach(modules::add);
        } catch (IOException e) {
            throw new BuildFailure("cannot list the build's output in " + source + " (" + e.getMessage() + ")", List.of());
        }
        List<Path> jars = new ArrayList<>();
        for (Path module : modules) {
            for (String outputDir : OUTPUT_DIRS) {
                Path dir = module.resolve(outputDir);
                if (!Files.isDirectory(dir) || !isInside(source, dir)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
                    files.forEach(jar -> { if (isApplication(jar) && isInside(source, jar)) { jars.add(jar); } });
                } catch (IOException e) {
                    throw new BuildFailure("cannot list " + dir + " (" + e.getMessage() + ")", List.of());
                }
            }
        }
        jars.sort(null);
        return jars;
    }

    private static boolean isApplication(Path jar) {
        String name = jar.getFileName().toString();
        return Files.isRegularFile(jar) && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")
                && !name.startsWith("original-") && !name.endsWith("-plain.jar");
    }

    static boolean isRunnable(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Main-Class") != null;
        } catch (IOException e) {
            return false; // not a readable jar: not something to run
        }
    }

    /** A repository's symlink must not make a file outside the workspace the artifact. */
    private static boolean isInside(Path source, Path file) {
        try {
            return file.toRealPath().startsWith(source.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static String describeAll(Path source) {
        List<Path> jars = candidates(source);
        return jars.isEmpty() ? "none" : jars.stream()
                .map(jar -> source.relativize(jar) + (isRunnable(jar) ? "" : " (no Main-Class)"))
                .collect(Collectors.joining(", "));
    }

    private static String names(Path source, List<Path> files) {
        return files.stream().map(file -> source.relativize(file).toString()).collect(Collectors.joining(", "));
    }
}
