package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Detected builds run through stand-in wrappers: the command, environment and jar choice, not Maven or Gradle. */
@Timeout(60)
class DetectedBuildsTest {
    @TempDir
    Path tempDir;
    BuildFixture fixture;
    TestRepository repo;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new BuildFixture(tempDir, 2);
        fixture.app("shop");
        repo = TestRepository.init(tempDir.resolve("shop"));
        TestJars.runnable(repo.workTree().resolve("app.jar"));
    }

    /**
     * Gradle cannot be downloaded on the test machine: a stand-in wrapper, committed without its
     * executable bit, proves how a detected Gradle build is run and where its jar is found.
     */
    @Test
    void gradleWrapperIsRunAsBuildWithoutTestsAndItsBootJarIsPicked() {
        repo.write("gradlew", "#!/bin/sh\necho \"gradlew $* daemon: $GRADLE_OPTS\"\n"
                + "mkdir -p build/libs && cp app.jar build/libs/app-1.0.jar && cp app.jar build/libs/app-1.0-plain.jar\n");
        String commit = repo.commit("gradle");
        BuildFixture.Lines output = new BuildFixture.Lines();

        fixture.builder.build(BuildSpec.detected("shop"), repo.gitDir(), commit, output);

        assertThat(fixture.processes.started.get(0).command()).containsExactly("./gradlew", "build", "-x", "test");
        assertThat(output.lines).contains("gradlew build -x test daemon: -Dorg.gradle.daemon=false");
        assertThat(output.lines).last().asString().startsWith("-----> artifact build/libs/app-1.0.jar: sha256 ");
    }

    @Test
    void mavenWrapperIsPreferredAndPointedAtTheSharedRepository() {
        repo.write("pom.xml", "<project/>");
        repo.write("mvnw", "#!/bin/sh\necho \"mvnw $*\"\nmkdir -p target && cp app.jar target/app-1.0.jar\n");
        String commit = repo.commit("maven wrapper");
        BuildFixture.Lines output = new BuildFixture.Lines();

        fixture.builder.build(BuildSpec.detected("shop"), repo.gitDir(), commit, output);

        assertThat(output.lines).contains("mvnw -Dmaven.repo.local=" + BuildFixture.MAVEN_REPOSITORY + " -B -DskipTests package");
    }
}
