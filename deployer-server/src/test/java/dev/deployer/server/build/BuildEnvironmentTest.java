package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildEnvironmentTest {
    @TempDir
    Path home;

    @Test
    void buildSeesNoneOfTheServersVariables() {
        Map<String, String> serverEnv = Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", "/usr/lib/jvm/java-17",
                "DEPLOYER_MASTER_KEY", "c2VjcmV0", "DEPLOYER_DATABASE_PASSWORD", "pw", "AWS_SECRET_ACCESS_KEY", "x",
                "MAVEN_OPTS", "-Xmx8g", "HOME", "/root");

        Map<String, String> env = new BuildEnvironment(Path.of("/data/m2/repository"), Path.of("/data/gradle"), serverEnv)
                .forBuild(home, "build-1");

        assertThat(env).containsOnlyKeys("PATH", "HOME", "LANG", "JAVA_HOME", "MAVEN_USER_HOME", "GRADLE_USER_HOME",
                "GRADLE_OPTS", "BUILD_ID");
        assertThat(env).containsEntry("PATH", "/usr/bin:/bin").containsEntry("HOME", home.toString())
                .containsEntry("LANG", "C.UTF-8").containsEntry("JAVA_HOME", "/usr/lib/jvm/java-17")
                .containsEntry("MAVEN_USER_HOME", "/data/m2").containsEntry("GRADLE_OPTS", "-Dorg.gradle.daemon=false")
                .containsEntry("BUILD_ID", "build-1");
    }

    @Test
    void withoutServerPathBuildsGetTheStandardOne() {
        Map<String, String> env = new BuildEnvironment(Path.of("/m2/repository"), Path.of("/gradle"), Map.of())
                .forBuild(home, "build-2");

        assertThat(env).containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin").doesNotContainKey("JAVA_HOME");
    }

    @Test
    void mavenStartedAnyWayFindsTheSharedRepositoryThroughTheBuildsHome() throws IOException {
        new BuildEnvironment(Path.of("/data/m2 & co/repository"), Path.of("/gradle"), Map.of()).forBuild(home, "build-3");

        assertThat(Files.readString(home.resolve(".m2/settings.xml")))
                .contains("<localRepository>/data/m2 &amp; co/repository</localRepository>");
    }

    @Test
    void aSandboxedBuildGetsThePathsItSeesAndReadsTheSharedLayerBeforeCentral() throws IOException {
        Map<String, String> env = new BuildEnvironment(Path.of("/data/m2/repository"), Path.of("/data/gradle"),
                Map.of("PATH", "/usr/bin:/bin", "DEPLOYER_MASTER_KEY", "c2VjcmV0")).forSandbox(home, "build-4", true);

        assertThat(env).containsEntry("HOME", "/build/home").containsEntry("MAVEN_USER_HOME", "/cache/m2")
                .containsEntry("GRADLE_USER_HOME", "/cache/gradle").containsEntry("TMPDIR", "/tmp")
                .doesNotContainKey("DEPLOYER_MASTER_KEY");
        assertThat(Files.readString(home.resolve(".m2/settings.xml")))
                .contains("<localRepository>/cache/m2/repository</localRepository>")
                .contains("<url>file:///shared/m2/</url>").contains("<activeProfile>deployer-shared</activeProfile>")
                .doesNotContain("/data/m2");
    }

    @Test
    void withoutASharedLayerASandboxedBuildHasOnlyItsOwnRepository() throws IOException {
        new BuildEnvironment(Path.of("/data/m2/repository"), Path.of("/data/gradle"), Map.of()).forSandbox(home, "b", false);

        assertThat(Files.readString(home.resolve(".m2/settings.xml"))).doesNotContain("shared").doesNotContain("<profiles>");
    }
}
