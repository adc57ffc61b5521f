package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnableJarsTest {
    private static final List<String> NO_OUTPUT = List.of();

    @TempDir
    Path source;

    @Test
    void theOneRunnableJarIsTheArtifactAndByproductsAreIgnored() throws IOException {
        Path app = TestJars.runnable(source.resolve("target/app-1.0.jar"));
        TestJars.runnable(source.resolve("target/original-app-1.0.jar"));
        TestJars.runnable(source.resolve("target/app-1.0-sources.jar"));
        TestJars.runnable(source.resolve("target/app-1.0-javadoc.jar"));
        TestJars.library(source.resolve("target/app-1.0-tests.jar"));

        assertThat(RunnableJars.find(source, Optional.empty(), NO_OUTPUT)).isEqualTo(app);
    }

    @Test
    void gradlesBootJarIsPickedOverItsPlainJar() throws IOException {
        Path boot = TestJars.runnable(source.resolve("build/libs/app-0.1.jar"));
        TestJars.runnable(source.resolve("build/libs/app-0.1-plain.jar"));

        assertThat(RunnableJars.find(source, Optional.empty(), NO_OUTPUT)).isEqualTo(boot);
    }

    @Test
    void runnableJarOfAModuleOneLevelDownIsFound() throws IOException {
        TestJars.library(source.resolve("core/target/core-1.0.jar"));
        Path service = TestJars.runnable(source.resolve("service/target/service-1.0.jar"));

        assertThat(RunnableJars.find(source, Optional.empty(), NO_OUTPUT)).isEqualTo(service);
    }

    @Test
    void twoRunnableJarsFailNamingBothAndTheSetting() throws IOException {
        TestJars.runnable(source.resolve("target/a.jar"));
        TestJars.runnable(source.resolve("target/b.jar"));

        assertThatThrownBy(() -> RunnableJars.find(source, Optional.empty(), List.of("BUILD SUCCESS")))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("found 2 runnable jars: target/a.jar, target/b.jar; "
                        + "set the app's artifact path (e.g. --artifact target/a.jar)")
                .satisfies(e -> assertThat(((BuildFailure) e).lastLines()).containsExactly("BUILD SUCCESS"));
    }

    @Test
    void noRunnableJarFailsListingTheJarsFound() throws IOException {
        TestJars.library(source.resolve("target/lib.jar"));

        assertThatThrownBy(() -> RunnableJars.find(source, Optional.empty(), NO_OUTPUT))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("found no runnable jar (one with a Main-Class in its manifest) in target/ or build/libs/; "
                        + "jars found: target/lib.jar (no Main-Class); set the app's artifact path (e.g. --artifact target/app.jar)");
    }

    @Test
    void configuredArtifactPathWinsAndMayStandInForTheVersion() throws IOException {
        TestJars.runnable(source.resolve("target/a.jar"));
        Path wanted = TestJars.runnable(source.resolve("dist/service-2.3.1.jar"));

        assertThat(RunnableJars.find(source, Optional.of("dist/service-*.jar"), NO_OUTPUT)).isEqualTo(wanted);
        assertThat(RunnableJars.find(source, Optional.of("./dist/service-2.3.1.jar"), NO_OUTPUT)).isEqualTo(wanted);
    }

    @Test
    void configuredArtifactPathThatMatchesNothingFailsListingTheJarsFound() throws IOException {
        TestJars.runnable(source.resolve("target/app.jar"));

        assertThatThrownBy(() -> RunnableJars.find(source, Optional.of("target/service.jar"), NO_OUTPUT))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("the app's artifact path target/service.jar matches 0 files after the build; "
                        + "jars found: target/app.jar: set the app's artifact path to exactly one of them");
    }

    @Test
    void artifactOutsideTheWorkspaceIsNeverPicked(@TempDir Path elsewhere) throws IOException {
        Path outside = TestJars.runnable(elsewhere.resolve("secret.jar"));
        Files.createDirectories(source.resolve("target"));
        Files.createSymbolicLink(source.resolve("target/app.jar"), outside);

        assertThatThrownBy(() -> RunnableJars.find(source, Optional.of("../" + outside.getParent().getFileName() + "/secret.jar"), NO_OUTPUT))
                .isInstanceOf(BuildFailure.class);
        assertThatThrownBy(() -> RunnableJars.find(source, Optional.of("target/app.jar"), NO_OUTPUT))
                .isInstanceOf(BuildFailure.class);
        assertThatThrownBy(() -> RunnableJars.find(source, Optional.empty(), NO_OUTPUT))
                .isInstanceOf(BuildFailure.class).hasMessageStartingWith("found no runnable jar");
    }
}
