package dev.deployer.server.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a build process, made from scratch: a build runs the repository's code, so
 * it sees none of the server's variables (DEPLOYER_MASTER_KEY, database passwords, ...), only
 * what a build tool needs to find Java and its caches.
 */
public final class BuildEnvironment {
    /** Marks every process of one build, so that stragglers can be found and killed: see {@link ProcessTree}. */
    public static final String MARKER = "BUILD_ID";
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Path mavenRepository;
    private final Path gradleHome;
    private final Map<String, String> serverEnv;

    /**
     * @param serverEnv the server's own environment; only PATH and JAVA_HOME are taken from it
     */
    public BuildEnvironment(Path mavenRepository, Path gradleHome, Map<String, String> serverEnv) {
        this.mavenRepository = mavenRepository;
        this.gradleHome = gradleHome;
        this.serverEnv = Map.copyOf(serverEnv);
    }

    /** The variables of one build whose home dir is {@code home}; writes the home's Maven settings. */
    public Map<String, String> forBuild(Path home, String buildId) {
        writeMavenSettings(home, settings(mavenRepository, ""));
        return variables(home, mavenRepository.getParent(), gradleHome, buildId);
    }

    /**
     * The variables of one sandboxed build, with the paths it sees ({@link Sandbox}); {@code hostHome} is where
     * the server writes its Maven settings. A shared repository is read through a file:// repository listed
     * before the app's own: Maven copies what it uses into the app's repository, and never writes the shared one.
     */
    public Map<String, String> forSandbox(Path hostHome, String buildId, boolean sharedMaven) {
        writeMavenSettings(hostHome, settings(Sandbox.MAVEN_REPOSITORY, sharedMaven ? SHARED_PROFILE.formatted(
                "file://" + Sandbox.SHARED_MAVEN + "/", "file://" + Sandbox.SHARED_MAVEN + "/") : ""));
        Map<String, String> env = variables(Sandbox.HOME, Sandbox.MAVEN_USER_HOME, Sandbox.GRADLE_HOME, buildId);
        env.put("TMPDIR", Sandbox.TMP.toString());
        return env;
    }

    private static final String SHARED_PROFILE = """
              <profiles>
                <profile>
                  <id>deployer-shared</id>
                  <repositories>
                    <repository><id>deployer-shared</id><url>%s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>false</enabled></snapshots></repository>
                  </repositories>
                  <pluginRepositories>
                    <pluginRepository><id>deployer-shared-plugins</id><url>%s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>false</enabled></snapshots></pluginRepository>
                  </pluginRepositories>
                </profile>
              </profiles>
              <activeProfiles><activeProfile>deployer-shared</activeProfile></activeProfiles>
            """;

    private Map<String, String> variables(Path home, Path mavenUserHome, Path gradleUserHome, String buildId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", serverEnv.getOrDefault("PATH", DEFAULT_PATH));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        if (serverEnv.containsKey("JAVA_HOME")) {
            env.put("JAVA_HOME", serverEnv.get("JAVA_HOME"));
        }
        // The Maven wrapper keeps the Maven it downloads under MAVEN_USER_HOME: kept with the repository.
        env.put("MAVEN_USER_HOME", mavenUserHome.toString());
        env.put("GRADLE_USER_HOME", gradleUserHome.toString());
        // A Gradle daemon would outlive the build, holding memory and a stale environment.
        env.put("GRADLE_OPTS", "-Dorg.gradle.daemon=false");
        env.put(MARKER, buildId);
        return env;
    }

    /** Maven started any other way than by the build command itself (a script, a wrapper) finds the shared repository too. */
    private static String settings(Path localRepository, String profiles) {
        return """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <localRepository>%s</localRepository>
                %s</settings>
                """.formatted(xmlText(localRepository.toString()), profiles);
    }

    private static void writeMavenSettings(Path home, String settings) {
        try {
            Files.createDirectories(home.resolve(".m2"));
            Files.writeString(home.resolve(".m2").resolve("settings.xml"), settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build's Maven settings in " + home, e);
        }
    }

    private static String xmlText(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
