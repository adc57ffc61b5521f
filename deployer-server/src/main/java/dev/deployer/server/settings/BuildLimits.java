package dev.deployer.server.settings;

import dev.deployer.server.settings.Settings;
import dev.deployer.server.settings.StartupException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How builds are confined (see docs/builds.md), each from its environment variable.
 *
 * @param sandboxed     builds run in a bubblewrap sandbox as {@code user}; off only when DEPLOYER_BUILD_SANDBOX=off
 * @param user          the unprivileged system user builds run as
 * @param diskMib       the most a build's workspace may hold; checked while it runs
 * @param maxProcesses  processes and threads the build user may have at once (RLIMIT_NPROC: all builds together)
 * @param toolchain     directories outside /usr that builds see read-only (a JDK, Maven or Gradle elsewhere)
 */
public record BuildLimits(boolean sandboxed, String user, int diskMib, int maxProcesses, List<Path> toolchain) {
    public static final String SANDBOX = "DEPLOYER_BUILD_SANDBOX";
    public static final String USER = "DEPLOYER_BUILD_USER";
    public static final String DISK_MIB = "DEPLOYER_BUILD_DISK_MIB";
    public static final String MAX_PROCESSES = "DEPLOYER_BUILD_MAX_PROCESSES";
    public static final String TOOLCHAIN = "DEPLOYER_BUILD_TOOLCHAIN";
    public static final String DEFAULT_USER = "deployer-build";

    public BuildLimits {
        toolchain = List.copyOf(toolchain);
    }

    public static BuildLimits resolve(Map<String, String> env, Path dataDir) {
        String sandbox = env.getOrDefault(SANDBOX, "on").trim().toLowerCase(Locale.ROOT);
        if (!sandbox.equals("on") && !sandbox.equals("off") && !sandbox.isEmpty()) {
            throw new StartupException(SANDBOX + " must be on or off (got '" + env.get(SANDBOX) + "').");
        }
        String user = env.getOrDefault(USER, DEFAULT_USER).trim();
        if (!user.matches("[a-z_][a-z0-9_-]{0,31}") || user.equals("root")) {
            throw new StartupException(USER + " must name an unprivileged system user (got '" + user + "').");
        }
        return new BuildLimits(!sandbox.equals("off"), user.isEmpty() ? DEFAULT_USER : user,
                Settings.positive(env, DISK_MIB, 4096), Settings.positive(env, MAX_PROCESSES, 4096),
                toolchain(env.getOrDefault(TOOLCHAIN, ""), dataDir));
    }

    private static List<Path> toolchain(String value, Path dataDir) {
        List<Path> dirs = new ArrayList<>();
        for (String part : value.split(":")) {
            if (part.isBlank()) {
                continue;
            }
            Path dir = Path.of(part.trim());
            if (!dir.isAbsolute()) {
                throw new StartupException(TOOLCHAIN + " lists directories by absolute path, separated by ':' (got '" + part + "').");
            }
            dir = dir.normalize();
            if (dataDir.startsWith(dir) || dir.startsWith(dataDir)) {
                throw new StartupException(TOOLCHAIN + " must not hold the data dir " + dataDir + " (got " + dir
                        + "): builds would see the server's secrets; name the toolchain's own directory.");
            }
            dirs.add(dir);
        }
        return dirs;
    }

    public long diskBytes() {
        return diskMib * 1024L * 1024L;
    }
}
