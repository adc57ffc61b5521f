package dev.deployer.server.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Two jars as two builds of one app make them: the same libraries (a random, incompressible ballast), one class changed. */
final class TestJarPair {
    private TestJarPair() {}

    /** A jar with {@code mib} MiB of ballast (the same for every {@code seed}) and a class saying {@code version}. */
    static Path jar(Path dir, String version, int mib, long seed) throws IOException {
        Path jar = dir.resolve("app-" + version + ".jar");
        Random random = new Random(seed);
        byte[] chunk = new byte[1024 * 1024];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("BOOT-INF/lib/ballast.bin"));
            for (int i = 0; i < mib; i++) {
                random.nextBytes(chunk);
                zip.write(chunk);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("BOOT-INF/classes/App.class"));
            zip.write(("class App { String version = \"" + version + "\"; }").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}
