package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployer.server.settings.BuildLimits;
import dev.deployer.server.storage.DataDir;
import dev.deployer.server.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real builds in the real bubblewrap sandbox (needs bwrap, root and the user deployer-build:
 * scripts/install-test-deps). Maven reads the machine's repository read-only, as the shared layer.
 */
@Timeout(240)
class SandboxedBuildTest {
    @TempDir
    Path tempDir;
    DataDir dataDir;
    ArtifactStore store;
    BuildConfinement confinement;
    org.jdbi.v3.core.Jdbi jdbi;

    @BeforeEach
    void setUp() {
        dataDir = DataDir.open(tempDir.resolve("data"));
        jdbi = TestDatabase.h2().jdbi();
        store = new ArtifactStore(jdbi.onDemand(ArtifactDao.class), dataDir.artifacts(), Clock.systemUTC());
        confinement = SandboxCheck.probe(limits(Map.of()), serverEnv(), dataDir.workspaces(),
                Optional.of(BuildFixture.MAVEN_REPOSITORY), ProcessFactory.SYSTEM);
        assertThat(confinement.refusal()).as("the sandbox must start here: run scripts/install-test-deps").isEmpty();
    }

    private BuildLimits limits(Map<String, String> env) {
        return BuildLimits.resolve(env, dataDir.root());
    }

    private static Map<String, String> serverEnv() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DEPLOYER_MASTER_KEY", "server-secret-in-env");
        return env;
    }

    private Builder builder(long diskBytes) {
        return new Builder(store, dataDir, BuildFixture.MAVEN_REPOSITORY, 2, serverEnv(), ProcessFactory.SYSTEM,
                confinement, diskBytes);
    }

    @Test
    void sampleAppBuildsInTheSandboxIntoItsOwnCacheAndTheSharedRepositoryStaysUntouched() throws Exception {
        TestRepository repo = TestRepository.init(tempDir.resolve("hello")).copy(HelloServiceBuildTest.helloService(), ".");
        insertApp("hello");
        BuildFixture.Lines output = new BuildFixture.Lines();
        long sharedBefore = Files.getLastModifiedTime(BuildFixture.MAVEN_REPOSITORY).toMillis();

        Artifact artifact = builder(Long.MAX_VALUE).build(BuildSpec.detected("hello"), repo.gitDir(), repo.commit("one"), output);

        assertThat(output.lines).anyMatch(line -> line.contains("(sandboxed, as deployer-build)"));
        assertThat(output.lines).contains("[INFO] BUILD SUCCESS");
        assertThat(RunnableJars.isRunnable(artifact.file())).isTrue();
        assertThat(dataDir.buildCaches().resolve("hello/m2/repository/org/apache/maven/plugins")).isDirectory();
        assertThat(Files.getLastModifiedTime(BuildFixture.MAVEN_REPOSITORY).toMillis()).isEqualTo(sharedBefore);
    }

    @Test
    void aBuildSeesNeitherTheDataDirNorTheServerNorItsEnvironmentAndCannotWriteTheSharedRepository() {
        insertApp("nosy");
        String script = String.join("\n",
                "echo uid=$(id -u) user=$(id -un)",
                "echo java-processes=$(cat /proc/[0-9]*/cmdline | tr '\\0' ' ' | grep -c '[b]in/java')",
                "for f in " + dataDir.masterKey() + " " + dataDir.root() + " /proc/" + ProcessHandle.current().pid() + "; do",
                "  if [ -e \"$f\" ]; then echo \"seen $f\"; else echo \"unseen $f\"; fi; done",
                "cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c DEPLOYER_MASTER_KEY | sed 's/^/master-key-vars=/'",
                "touch /shared/m2/poison 2>/dev/null && echo shared-written || echo shared-read-only",
                "touch /usr/poison 2>/dev/null && echo usr-written || echo usr-read-only",
                "grep 'Max processes' /proc/self/limits | tr -s ' ' | sed 's/ *$//'",
                "ls / | tr '\\n' ' ' | sed 's/^/root=/'; echo",
                "exit 3");
        TestRepository repo = TestRepository.init(tempDir.resolve("nosy")).write("probe.sh", script);
        BuildSpec spec = new BuildSpec("nosy", Optional.of("sh probe.sh"), Optional.empty(), Duration.ofMinutes(1));

        assertThatThrownBy(() -> builder(Long.MAX_VALUE).build(spec, repo.gitDir(), repo.commit("probe"), line -> {}))
                .isInstanceOf(BuildFailure.class)
                .hasMessage("the build failed: sh exited with status 3")
                .satisfies(e -> assertThat(((BuildFailure) e).lastLines()).contains(
                        "uid=" + confinement.sandbox().orElseThrow().machine().uid() + " user=deployer-build",
                        "unseen " + dataDir.masterKey(), "unseen " + dataDir.root(), "unseen /proc/" + ProcessHandle.current().pid(),
                        "master-key-vars=0", "shared-read-only", "usr-read-only", "java-processes=0",
                        "Max processes 4096 4096 processes")
                        .anyMatch(line -> line.startsWith("root=") && !line.contains("root ") && !line.contains("home ")
                                && !line.contains("work ")));
        assertThat(BuildFixture.MAVEN_REPOSITORY.resolve("poison")).doesNotExist();
    }

    @Test
    void aBuildWhoseWorkspaceGrowsPastItsCapIsStopped() {
        insertApp("hoarder");
        TestRepository repo = TestRepository.init(tempDir.resolve("hoarder")).write("fill.sh",
                "for i in $(seq 1 40); do head -c 1048576 /dev/zero > f$i; done; sleep 60\n");
        BuildSpec spec = new BuildSpec("hoarder", Optional.of("sh fill.sh"), Optional.empty(), Duration.ofMinutes(2));
        long started = System.nanoTime();

        assertThatThrownBy(() -> builder(16L * 1024 * 1024).build(spec, repo.gitDir(), repo.commit("fill"), line -> {}))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith("the build's workspace grew past 16 MiB")
                .hasMessageEndingWith("make it write less, or raise DEPLOYER_BUILD_DISK_MIB");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aMultiModuleMavenBuildPassesInTheSandboxAndItsAppModulesJarIsPicked() {
        insertApp("multi");
        String plugins = "<build><pluginManagement><plugins>" + plugin("maven-compiler-plugin", "3.14.1")
                + plugin("maven-resources-plugin", "3.3.1") + plugin("maven-surefire-plugin", "3.5.4")
                + plugin("maven-install-plugin", "3.1.4") + plugin("maven-jar-plugin", "3.4.2") + "</plugins></pluginManagement></build>";
        TestRepository repo = TestRepository.init(tempDir.resolve("multi"))
                .write("pom.xml", pom("parent", "<packaging>pom</packaging><modules><module>lib</module><module>app</module></modules>"
                        + "<properties><maven.compiler.release>17</maven.compiler.release></properties>" + plugins, false))
                .write("lib/pom.xml", pom("lib", "", true))
                .write("lib/src/main/java/m/Lib.java", "package m; public class Lib { public static String hi() { return \"hi\"; } }")
                .write("app/pom.xml", pom("app", "<dependencies><dependency><groupId>t</groupId><artifactId>lib</artifactId>"
                        + "<version>1</version></dependency></dependencies><build><plugins><plugin>"
                        + "<artifactId>maven-jar-plugin</artifactId><configuration><archive><manifest><mainClass>m.App</mainClass>"
                        + "</manifest></archive></configuration></plugin></plugins></build>", true))
                .write("app/src/main/java/m/App.java", "package m; public class App { public static void main(String[] a) { "
                        + "System.out.println(Lib.hi()); } }");

        Artifact artifact = builder(Long.MAX_VALUE).build(BuildSpec.detected("multi"), repo.gitDir(), repo.commit("two modules"),
                line -> {});

        assertThat(RunnableJars.isRunnable(artifact.file())).isTrue();
        assertThat(dataDir.buildCaches().resolve("multi/m2/repository/org/apache/maven/plugins/maven-jar-plugin")).isDirectory();
    }

    /**
     * No Gradle distribution can be fetched here (only Maven Central is reachable), so this gradlew stands in for
     * the real one: it uses GRADLE_USER_HOME as the wrapper does and builds its jar with the JDK's own tools.
     */
    @Test
    void aGradleWrapperBuildKeepsItsDownloadsInItsOwnAppsCacheOnly() {
        insertApp("gradled");
        insertApp("other");
        String gradlew = String.join("\n", "#!/bin/sh", "set -e",
                "if [ -f \"$GRADLE_USER_HOME/wrapper/dists/fake-gradle\" ]; then echo 'distribution cached'; else",
                "  mkdir -p \"$GRADLE_USER_HOME/wrapper/dists\"; echo dist > \"$GRADLE_USER_HOME/wrapper/dists/fake-gradle\";"
                        + " echo 'distribution downloaded'; fi",
                "mkdir -p build/classes build/libs", "javac -d build/classes src/main/java/Main.java",
                "jar --create --file build/libs/app.jar --main-class Main -C build/classes .", "");
        TestRepository repo = TestRepository.init(tempDir.resolve("gradled")).write("gradlew", gradlew)
                .write("src/main/java/Main.java", "public class Main { public static void main(String[] a) {} }");
        String first = repo.commit("one");
        BuildFixture.Lines once = new BuildFixture.Lines();
        BuildFixture.Lines twice = new BuildFixture.Lines();
        BuildFixture.Lines elsewhere = new BuildFixture.Lines();

        builder(Long.MAX_VALUE).build(BuildSpec.detected("gradled"), repo.gitDir(), first, once);
        repo.write("README", "2");
        builder(Long.MAX_VALUE).build(BuildSpec.detected("gradled"), repo.gitDir(), repo.commit("two"), twice);
        builder(Long.MAX_VALUE).build(BuildSpec.detected("other"), repo.gitDir(), first, elsewhere);

        assertThat(once.lines).contains("distribution downloaded");
        assertThat(twice.lines).contains("distribution cached");
        assertThat(elsewhere.lines).contains("distribution downloaded");
    }

    @Test
    void clearingAnAppsCacheEmptiesOnlyThatAppsCache() throws Exception {
        insertApp("a");
        insertApp("b");
        TestRepository repo = TestRepository.init(tempDir.resolve("cached")).write("fill.sh",
                "mkdir -p /cache/m2/repository/x && head -c 4096 /dev/zero > /cache/m2/repository/x/y.jar; exit 1\n");
        BuildSpec a = new BuildSpec("a", Optional.of("sh fill.sh"), Optional.empty(), Duration.ofMinutes(1));
        BuildSpec b = new BuildSpec("b", Optional.of("sh fill.sh"), Optional.empty(), Duration.ofMinutes(1));
        String commit = repo.commit("fill");
        Builder builder = builder(Long.MAX_VALUE);
        assertThatThrownBy(() -> builder.build(a, repo.gitDir(), commit, line -> {})).isInstanceOf(BuildFailure.class);
        assertThatThrownBy(() -> builder.build(b, repo.gitDir(), commit, line -> {})).isInstanceOf(BuildFailure.class);

        assertThat(builder.clearCache("a")).isGreaterThanOrEqualTo(4096);

        assertThat(dataDir.buildCaches().resolve("a")).doesNotExist();
        assertThat(dataDir.buildCaches().resolve("b/m2/repository/x/y.jar")).hasSize(4096);
        assertThat(builder.clearCache("a")).isZero();
    }

    private static String plugin(String artifact, String version) {
        return "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>" + artifact + "</artifactId><version>"
                + version + "</version></plugin>";
    }

    private static String pom(String artifact, String body, boolean child) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + (child ? "<parent><groupId>t</groupId><artifactId>parent</artifactId><version>1</version></parent>" : "")
                + "<groupId>t</groupId><artifactId>" + artifact + "</artifactId><version>1</version>" + body + "</project>";
    }

    @Test
    void withoutBwrapEveryBuildIsRefusedNamingThePackage() {
        BuildConfinement missing = SandboxCheck.probe(limits(Map.of()), Map.of("PATH", tempDir.toString()),
                dataDir.workspaces(), Optional.empty(), ProcessFactory.SYSTEM);

        assertThat(missing.refusal()).contains(SandboxCheck.NO_BWRAP);
        assertThat(missing.refusal().orElseThrow()).contains("install the package bubblewrap");
    }

    private void insertApp(String name) {
        BuildFixture.insertApp(jdbi, name);
    }
}
