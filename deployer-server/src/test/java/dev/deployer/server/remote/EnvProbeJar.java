package dev.deployer.server.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A tiny app for the host tests: it copies its raw environment ({@code /proc/self/environ}, bytes
 * as the kernel holds them, no decoding by Java) into its state dir, with a few facts about how
 * it runs, then exits 0.
 */
final class EnvProbeJar {
    private static final String SOURCE = """
            import java.nio.file.*;
            public class EnvProbe {
                public static void main(String[] args) throws Exception {
                    Path state = Path.of(System.getenv("STATE_DIRECTORY"));
                    boolean optWritable;
                    try {
                        Files.writeString(Path.of("/opt/deployer/probe-write-test"), "x");
                        optWritable = true;
                    } catch (Exception e) {
                        optWritable = false;
                    }
                    Files.writeString(Path.of("cwd-write-test"), "x");
                    Files.writeString(state.resolve("facts"), "user=" + System.getProperty("user.name")
                            + "\\ncwd=" + Path.of("").toAbsolutePath() + "\\noptWritable=" + optWritable + "\\nprobe=" + System.getProperty("probe") + "\\n");
                    Files.write(state.resolve("environ.tmp"), Files.readAllBytes(Path.of("/proc/self/environ")));
                    Files.move(state.resolve("environ.tmp"), state.resolve("environ"), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            """;

    private EnvProbeJar() {}

    static byte[] build() throws IOException {
        Path dir = Files.createTempDirectory("envprobe-");
        Path source = Files.writeString(dir.resolve("EnvProbe.java"), SOURCE);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "--release", "17", "-d", dir.toString(), source.toString());
        if (status != 0) {
            throw new IllegalStateException("the env probe did not compile");
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "EnvProbe");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            out.putNextEntry(new JarEntry("EnvProbe.class"));
            out.write(Files.readAllBytes(dir.resolve("EnvProbe.class")));
            out.closeEntry();
        }
        for (Path file : List.of(source, dir.resolve("EnvProbe.class"), dir)) {
            Files.deleteIfExists(file);
        }
        return jar.toByteArray();
    }
}
