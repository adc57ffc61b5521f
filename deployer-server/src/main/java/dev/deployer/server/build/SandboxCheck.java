package dev.deployer.server.build;

import dev.deployer.server.settings.BuildLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decides at start whether builds can run sandboxed: bwrap, prlimit and setpriv present, the build
 * user known, and one real sandboxed {@code id -u} answering that user's id. Each missing piece is
 * one sentence naming what to install or create.
 */
public final class SandboxCheck {
    static final String NO_BWRAP = "builds run in a bubblewrap sandbox and bwrap is not installed: install the package "
            + "bubblewrap (apt-get install bubblewrap), or set DEPLOYER_BUILD_SANDBOX=off to build without a sandbox";

    private SandboxCheck() {}

    /**
     * @param workspaces  where the trial run's workspace goes (the data dir's workspaces)
     * @param appCaches   the per-app caches' root, which bwrap must be able to bind
     * @param sharedMaven the read-only Maven layer (DEPLOYER_MAVEN_REPO), used when it exists
     */
    public static BuildConfinement probe(BuildLimits limits, Map<String, String> serverEnv, Path workspaces,
                                         Optional<Path> sharedMaven, ProcessFactory processes) {
        if (!limits.sandboxed()) {
            return BuildConfinement.unsandboxed("builds are NOT sandboxed (DEPLOYER_BUILD_SANDBOX=off): a pushed "
                    + "repository's build runs as the server's user and can read the data dir, including master.key "
                    + "and the SSH key; remove DEPLOYER_BUILD_SANDBOX to sandbox them");
        }
        String path = serverEnv.getOrDefault("PATH", BuildEnvironment.DEFAULT_PATH);
        if (!onPath("bwrap", path)) {
            return BuildConfinement.refused(NO_BWRAP);
        }
        for (String tool : List.of("/usr/bin/prlimit", "/usr/bin/setpriv")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return BuildConfinement.refused("the build sandbox needs " + tool + ", which is missing: install the "
                        + "package util-linux, or set DEPLOYER_BUILD_SANDBOX=off to build without a sandbox");
            }
        }
        if (!runsAsRoot()) {
            return BuildConfinement.refused("the build sandbox needs the server to run as root (bwrap mounts the build's "
                    + "workspace and switches it to the user " + limits.user() + "): run the server as root, or set "
                    + "DEPLOYER_BUILD_SANDBOX=off");
        }
        Optional<int[]> ids = userIds(limits.user(), serverEnv, processes);
        if (ids.isEmpty()) {
            return BuildConfinement.refused("builds run as the system user " + limits.user() + ", which does not exist: "
                    + "create it with `useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "
                    + limits.user() + "` (scripts/install-test-deps does), or set DEPLOYER_BUILD_SANDBOX=off");
        }
        if (ids.get()[0] == 0 || ids.get()[1] == 0) {
            return BuildConfinement.refused("the build user " + limits.user() + " has id 0, which is root: give builds "
                    + "an unprivileged user (DEPLOYER_BUILD_USER)");
        }
        Sandbox sandbox = new Sandbox(new Sandbox.Machine(ids.get()[0], ids.get()[1], rootEntries(Path.of("/")),
                readOnly(serverEnv, limits.toolchain()), sharedMaven.filter(SandboxCheck::readableByAll), limits.maxProcesses(),
                limits.diskBytes()));
        Optional<String> failure = trialRun(sandbox, limits.user(), workspaces, serverEnv, processes);
        if (failure.isPresent()) {
            return BuildConfinement.refused(failure.get());
        }
        return BuildConfinement.sandboxed(sandbox, limits.user(), "builds are sandboxed: bubblewrap, as the user "
                + limits.user() + " (uid " + ids.get()[0] + "), workspace disk " + limits.diskMib() + " MiB, "
                + limits.maxProcesses() + " processes" + sandbox.machine().sharedMaven()
                        .map(shared -> ", Maven repository " + shared + " shared read-only")
                        .orElse(sharedMaven.filter(Files::isDirectory).map(shared -> ", Maven repository " + shared
                                + " NOT shared (others cannot read it: chmod -R o+rX it to share it)").orElse("")));
    }

    private static boolean runsAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The build user reads the shared layer as "others": a repository only root can read is left out, not half-used. */
    static boolean readableByAll(Path dir) {
        try {
            return Files.isDirectory(dir) && Files.getPosixFilePermissions(dir).containsAll(
                    java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OTHERS_READ,
                            java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean onPath(String program, String path) {
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<int[]> userIds(String user, Map<String, String> serverEnv, ProcessFactory processes) {
        Answer line = run(List.of("getent", "passwd", user), Path.of("/"), Map.of("PATH",
                serverEnv.getOrDefault("PATH", BuildEnvironment.DEFAULT_PATH)), processes);
        String[] fields = line.ok() ? line.text().split(":") : new String[0];
        if (fields.length < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(fields[2]), Integer.parseInt(fields[3])});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A merged-/usr system links /bin, /lib... into /usr; an older one has them as directories. */
    static List<String> rootEntries(Path root) {
        List<String> entries = new ArrayList<>();
        for (String name : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            Path entry = root.resolve(name);
            try {
                if (Files.isSymbolicLink(entry)) {
                    entries.addAll(List.of("--symlink", Files.readSymbolicLink(entry).toString(), "/" + name));
                } else if (Files.isDirectory(entry)) {
                    entries.addAll(List.of("--ro-bind", entry.toString(), "/" + name));
                }
            } catch (IOException e) {
                // unreadable: the build does without it
            }
        }
        return entries;
    }

    /** JAVA_HOME when it is not under /usr, Debian's /etc/java-* (the JDK's conf links there), and the configured toolchain. */
    static List<Path> readOnly(Map<String, String> serverEnv, List<Path> toolchain) {
        List<Path> dirs = new ArrayList<>();
        Optional.ofNullable(serverEnv.get("JAVA_HOME")).filter(home -> !home.isBlank()).map(Path::of)
                .filter(home -> home.isAbsolute() && !home.normalize().startsWith("/usr") && Files.isDirectory(home))
                .ifPresent(dirs::add);
        try (DirectoryStream<Path> javaConf = Files.newDirectoryStream(Path.of("/etc"), "java*")) {
            javaConf.forEach(dir -> { if (Files.isDirectory(dir)) { dirs.add(dir); } });
        } catch (IOException e) {
            // no /etc/java*: nothing to add
        }
        toolchain.stream().filter(Files::isDirectory).filter(dir -> !dirs.contains(dir)).forEach(dirs::add);
        return dirs;
    }

    private static Optional<String> trialRun(Sandbox sandbox, String user, Path workspaces, Map<String, String> serverEnv,
                                             ProcessFactory processes) {
        try (Workspace workspace = Workspace.create(workspaces, "sandbox-check", "0".repeat(40))) {
            AppCache cache = new AppCache(workspace.root().resolve("cache"));
            workspace.prepareFor(sandbox, user);
            cache.prepareFor(sandbox);
            List<String> command = sandbox.wrap(List.of("id", "-u"), workspace.root(), cache.dir());
            Answer out = run(command, workspace.source(), Map.of("PATH",
                    serverEnv.getOrDefault("PATH", BuildEnvironment.DEFAULT_PATH)), processes);
            if (out.ok() && out.text().equals(Integer.toString(sandbox.machine().uid()))) {
                return Optional.empty();
            }
            return Optional.of("the build sandbox does not start (exit " + out.exit() + ": " + out.text() + ")"
                    + "): bwrap must run as root to switch builds to the user " + user
                    + "; run the server as root, or set DEPLOYER_BUILD_SANDBOX=off");
        } catch (RuntimeException e) {
            return Optional.of("the build sandbox cannot be prepared (" + e.getMessage() + "): check the data dir's "
                    + "workspaces, or set DEPLOYER_BUILD_SANDBOX=off");
        }
    }

    /** What a short command printed (cut at 4 KiB: it only says what failed) and how it exited. */
    private record Answer(int exit, String text) {
        boolean ok() {
            return exit == 0;
        }
    }

    private static Answer run(List<String> command, Path directory, Map<String, String> env, ProcessFactory processes) {
        try {
            Process process = processes.start(command, directory, env);
            byte[] out = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Answer(-1, "no answer within 20 seconds");
            }
            return new Answer(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Answer(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }
}
