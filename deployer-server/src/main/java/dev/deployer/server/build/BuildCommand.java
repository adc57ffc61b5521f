package dev.deployer.server.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the argument list that builds a checked-out commit: the app's configured command, or
 * one detected from the files at the repository root (Maven wrapper, Maven, Gradle wrapper).
 * Maven, however started, is pointed at the local repository all builds share.
 */
public final class BuildCommand {
    static final List<String> MAVEN_WRAPPER = List.of("./mvnw", "-B", "-DskipTests", "package");
    static final List<String> MAVEN = List.of("mvn", "-B", "-DskipTests", "package");
    static final List<String> GRADLE_WRAPPER = List.of("./gradlew", "build", "-x", "test");

    private BuildCommand() {}

    /**
     * The command for the source tree in {@code source}; throws IllegalArgumentException when a
     * configured command cannot be split, and {@link BuildFailure} when nothing can be detected.
     */
    public static List<String> choose(Optional<String> configured, Path source, Path mavenRepository) {
        List<String> words = configured.map(CommandWords::split).orElseGet(() -> detect(source));
        return isMaven(words.get(0)) ? withLocalRepository(words, mavenRepository) : words;
    }

    private static List<String> detect(Path source) {
        if (Files.isRegularFile(source.resolve("mvnw"))) {
            makeExecutable(source.resolve("mvnw"));
            return MAVEN_WRAPPER;
        }
        if (Files.isRegularFile(source.resolve("pom.xml"))) {
            return MAVEN;
        }
        if (Files.isRegularFile(source.resolve("gradlew"))) {
            makeExecutable(source.resolve("gradlew"));
            return GRADLE_WRAPPER;
        }
        throw new BuildFailure("found no build at the repository root (no mvnw, pom.xml or gradlew): "
                + "add one, or set the app's build command", List.of());
    }

    /** Wrappers committed from Windows often lack the executable bit; the workspace is ours to fix. */
    private static void makeExecutable(Path wrapper) {
        if (!Files.isExecutable(wrapper) && !wrapper.toFile().setExecutable(true)) {
            throw new BuildFailure("cannot make " + wrapper.getFileName() + " executable in the build workspace", List.of());
        }
    }

    static boolean isMaven(String executable) {
        String name = Path.of(executable).getFileName().toString();
        return name.equals("mvn") || name.equals("mvnw");
    }

    private static List<String> withLocalRepository(List<String> words, Path mavenRepository) {
        if (words.stream().anyMatch(word -> word.startsWith("-Dmaven.repo.local="))) {
            return words;
        }
        List<String> withRepository = new ArrayList<>(words);
        withRepository.add(1, "-Dmaven.repo.local=" + mavenRepository);
        return List.copyOf(withRepository);
    }
}
