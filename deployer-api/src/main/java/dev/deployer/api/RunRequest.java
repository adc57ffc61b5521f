package dev.deployer.api;

import java.util.List;

/**
 * {@code POST /api/apps/{app}/run}: a one-off command as a list of words, program first, each passed as it is (no
 * shell: a user who wants one names it, e.g. {@code ["sh", "-c", "java -jar $JAR migrate"]}).
 *
 * @param host           one of the app's hosts (default: the first)
 * @param timeoutSeconds the time limit, 1..3600 (default 600): systemd stops the command there
 */
public record RunRequest(List<String> command, String host, Integer timeoutSeconds) {}
