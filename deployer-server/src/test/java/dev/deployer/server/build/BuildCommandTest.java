package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {
    private static final Path REPO = Path.of("/data/m2/repository");

    @TempDir
    Path source;

    @Test
    void mavenWrapperWinsOverPlainMavenAndGetsTheSharedRepository() throws IOException {
        Files.writeString(source.resolve("pom.xml"), "<project/>");
        Files.writeString(source.resolve("mvnw"), "#!/bin/sh\n");

        assertThat(BuildCommand.choose(Optional.empty(), source, REPO))
                .containsExactly("./mvnw", "-Dmaven.repo.local=/data/m2/repository", "-B", "-DskipTests", "package");
        assertThat(Files.isExecutable(source.resolve("mvnw"))).isTrue();
    }

    @Test
    void pomAloneIsBuiltWithMavenFromThePath() throws IOException {
        Files.writeString(source.resolve("pom.xml"), "<project/>");

        assertThat(BuildCommand.choose(Optional.empty(), source, REPO))
                .containsExactly("mvn", "-Dmaven.repo.local=/data/m2/repository", "-B", "-DskipTests", "package");
    }

    @Test
    void gradleWrapperBuildsWithoutTests() throws IOException {
        Files.writeString(source.resolve("gradlew"), "#!/bin/sh\n");

        assertThat(BuildCommand.choose(Optional.empty(), source, REPO)).containsExactly("./gradlew", "build", "-x", "test");
        assertThat(Files.isExecutable(source.resolve("gradlew"))).isTrue();
    }

    @Test
    void configuredCommandWinsOverDetection() throws IOException {
        Files.writeString(source.resolve("pom.xml"), "<project/>");

        assertThat(BuildCommand.choose(Optional.of("sh -c 'make jar'"), source, REPO)).containsExactly("sh", "-c", "make jar");
    }

    @Test
    void configuredMavenCommandAlsoUsesTheSharedRepositoryUnlessItNamesOne() {
        assertThat(BuildCommand.choose(Optional.of("mvn -B -Pprod package"), source, REPO))
                .containsExactly("mvn", "-Dmaven.repo.local=/data/m2/repository", "-B", "-Pprod", "package");
        assertThat(BuildCommand.choose(Optional.of("/opt/maven/bin/mvn -Dmaven.repo.local=/cache package"), source, REPO))
                .containsExactly("/opt/maven/bin/mvn", "-Dmaven.repo.local=/cache", "package");
    }

    @Test
    void sourceWithoutAnyBuildFailsSayingWhatToSet() {
        assertThatThrownBy(() -> BuildCommand.choose(Optional.empty(), source, REPO))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("no mvnw, pom.xml or gradlew")
                .hasMessageContaining("set the app's build command");
    }
}
