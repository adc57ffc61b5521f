package dev.deployer.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 cluster for the tests: initdb into a temp dir, started on 127.0.0.1 on a
 * free port, as the {@code postgres} system user (the server refuses root), stopped when the JVM
 * exits. Debian's {@code postgresql} package must be installed ({@code scripts/test} does that).
 */
public final class ThrowawayPostgres {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static ThrowawayPostgres instance;

    private final Path dir;
    private final int port;

    private ThrowawayPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static synchronized ThrowawayPostgres get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** A fresh, empty database on the shared cluster, for one test. */
    public String newDatabase(String name) {
        run(List.of(BIN.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE " + name));
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    public String user() {
        return "postgres";
    }

    private static ThrowawayPostgres start() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL 15 is not installed (" + BIN + "/initdb is missing): "
                    + "run scripts/test, which installs it, or apt-get install postgresql");
        }
        try {
            Path dir = Files.createTempDirectory("deployer-pg-");
            run(List.of("chown", "postgres:postgres", dir.toString()));
            int port = freePort();
            asPostgres(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync");
            asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir
                            + " -c fsync=off", "start");
            ThrowawayPostgres pg = new ThrowawayPostgres(dir, port);
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a throwaway PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void stop() {
        try {
            asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
            run(List.of("rm", "-rf", dir.toString()));
        } catch (RuntimeException ignored) {
            // best effort at JVM exit
        }
    }

    private static void asPostgres(String... command) {
        List<String> words = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        words.addAll(List.of(command));
        run(words);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
