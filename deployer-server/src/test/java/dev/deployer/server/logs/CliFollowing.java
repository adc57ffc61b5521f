package dev.deployer.server.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real {@code deployer logs APP -f --host H -n 0} in a JVM of its own, its stdout gathered line by line. */
final class CliFollowing {
    final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private CliFollowing(Process process) {
        this.process = process;
        gather(process.getInputStream(), out);
        gather(process.getErrorStream(), err);
    }

    static CliFollowing start(String url, String token, String app, String host) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.deployer.cli.DeployerCli",
                "logs", app, "-f", "--host", host, "-n", "0");
        builder.environment().put("DEPLOYER_URL", url);
        builder.environment().put("DEPLOYER_TOKEN", token);
        return new CliFollowing(builder.start());
    }

    /** The messages printed so far: each stdout line is {@code TIME HOST MESSAGE}. */
    List<String> messages() {
        return out.stream().map(line -> line.split(" ", 3)).filter(parts -> parts.length == 3).map(parts -> parts[2]).toList();
    }

    List<String> errors() {
        return err;
    }

    private static void gather(java.io.InputStream stream, List<String> into) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "cli-output");
        thread.setDaemon(true);
        thread.start();
    }
}
