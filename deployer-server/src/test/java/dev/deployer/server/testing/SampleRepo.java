package dev.deployer.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A git repository holding examples/hello-service, changed commit by commit the way a developer
 * would: a new version string, or a health check that fails. Driven with the real {@code git}.
 */
public final class SampleRepo {
    private static final String FILE = "src/main/java/dev/deployer/examples/hello/HelloService.java";

    private final Path dir;

    private SampleRepo(Path dir) {
        this.dir = dir;
    }

    public static SampleRepo create(Path dir) throws IOException {
        copy(repoRoot().resolve("examples/hello-service"), dir);
        SampleRepo repo = new SampleRepo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.email", "dev@example.test");
        repo.git("config", "user.name", "Dev");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "hello-service 1");
        return repo;
    }

    /** An existing clone, to change commit by commit like any other. */
    public static SampleRepo open(Path dir) {
        return new SampleRepo(dir);
    }

    public Path dir() {
        return dir;
    }

    public String url() {
        return "file://" + dir;
    }

    /** Commits a change of the version string (and optionally a health check that always fails); returns the commit id. */
    public String commitVersion(String version, boolean failingHealth) throws IOException {
        Path source = dir.resolve(FILE);
        String text = Files.readString(source, StandardCharsets.UTF_8)
                .replaceFirst("static final String VERSION = \"[^\"]*\";", "static final String VERSION = \"" + version + "\";");
        String healthy = "boolean failing = \"true\".equals(System.getenv(\"HELLO_FAIL_HEALTH\"));";
        text = failingHealth ? text.replace(healthy, "boolean failing = true;") : text.replace("boolean failing = true;", healthy);
        Files.writeString(source, text, StandardCharsets.UTF_8);
        git("commit", "-q", "-am", "hello-service " + version + (failingHealth ? " (health fails)" : ""));
        return head();
    }

    /** Commits a change that does not compile. */
    public String commitBrokenBuild() throws IOException {
        Path source = dir.resolve(FILE);
        Files.writeString(source, Files.readString(source) + "\nthis is not java\n", StandardCharsets.UTF_8);
        git("commit", "-q", "-am", "broken");
        return head();
    }

    /**
     * Commits {@code mib} MiB of incompressible bytes as a resource, so the built jar is as big as a Spring Boot
     * fat jar (60-70 MB) and every release sends that much to every host.
     */
    public String commitBallast(int mib) throws IOException {
        Path ballast = dir.resolve("src/main/resources/ballast.bin");
        Files.createDirectories(ballast.getParent());
        java.util.Random random = new java.util.Random(42);
        byte[] chunk = new byte[1024 * 1024];
        try (var out = Files.newOutputStream(ballast)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        git("add", "-A");
        git("commit", "-q", "-m", "ballast: " + mib + " MiB");
        return head();
    }

    /**
     * Commits a release whose health check fails and which prints {@code lines} lines of {@code width} characters on
     * every health request: the journal lines in its failure reason are long.
     */
    public String commitNoisyFailingHealth(String version, int lines, int width) throws IOException {
        commitVersion(version, true);
        Path source = dir.resolve(FILE);
        String text = Files.readString(source, StandardCharsets.UTF_8).replace("        if (path.equals(\"/health\")) {\n",
                "        if (path.equals(\"/health\")) {\n            for (int i = 0; i < " + lines + "; i++) {\n"
                + "                System.out.println(\"noise \" + i + \" \" + \"x\".repeat(" + width + "));\n            }\n");
        Files.writeString(source, text, StandardCharsets.UTF_8);
        git("commit", "-q", "-am", "hello-service " + version + " (noisy, health fails)");
        return head();
    }

    /** Commits a source file with {@code errors} compile errors, each on its own line. */
    public String commitCompileErrors(int errors) throws IOException {
        StringBuilder broken = new StringBuilder("package dev.deployer.examples.hello;\n\nfinal class Broken {\n");
        for (int i = 0; i < errors; i++) {
            broken.append("    void m").append(i).append("() { int x").append(i).append(" = undefinedName").append(i).append("; }\n");
        }
        broken.append("}\n");
        Files.writeString(dir.resolve("src/main/java/dev/deployer/examples/hello/Broken.java"), broken.toString(),
                StandardCharsets.UTF_8);
        git("add", "-A");
        git("commit", "-q", "-m", errors + " compile errors");
        return head();
    }

    public String head() {
        return git("rev-parse", "HEAD").trim();
    }

    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/hello-service"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find examples/hello-service above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
