package dev.deployer.server.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Small jars for artifact tests, with or without a Main-Class. */
final class TestJars {
    private TestJars() {}

    static Path runnable(Path file) throws IOException {
        return write(file, "example.Main");
    }

    static Path library(Path file) throws IOException {
        return write(file, null);
    }

    private static Path write(Path file, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            ZipEntry entry = new ZipEntry("example/readme.txt");
            jar.putNextEntry(entry);
            jar.write(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }
}
