package dev.deployer.server.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What one real {@code git push} printed, each line with the time it arrived. */
public record GitPush(int exitCode, List<String> lines, List<Long> arrivedAtMillis, long endedAtMillis) {
    public String text() {
        return String.join("\n", lines);
    }

    /** The index of the first line starting with {@code prefix}, or -1. */
    public int indexOf(String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Runs the real git client: {@code git push --progress REMOTE [extra...] REFSPEC}, the token as basic-auth password. */
    public static GitPush run(Path repo, String remote, String token, String refspec, String... extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c",
                "http.extraHeader=Authorization: Basic " + Base64.getEncoder().encodeToString(("anyone:" + token)
                        .getBytes(StandardCharsets.UTF_8)), "push", "--progress", remote));
        command.addAll(List.of(extra));
        command.add(refspec);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                times.add(System.currentTimeMillis());
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new GitPush(process.exitValue(), lines, times, System.currentTimeMillis());
    }
}
