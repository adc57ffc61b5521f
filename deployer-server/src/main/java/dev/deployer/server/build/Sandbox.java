package dev.deployer.server.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bubblewrap command that runs one build confined: new mount, PID, IPC and UTS namespaces;
 * a root made only of /usr (read-only), the few files of /etc a build needs, the toolchain
 * (read-only), the build's workspace and its app's caches. bwrap runs as the server's user (root),
 * so it can mount what it binds; inside, prlimit sets the limits and setpriv becomes the build
 * user with no capabilities, for good, before the build's first command. The network is shared.
 * Pure: the machine-specific parts come from {@link SandboxCheck}.
 */
public final class Sandbox {
    /** Where the build sees its files: fixed paths, so nothing about the server's layout leaks in. */
    public static final Path SOURCE = Path.of("/build/src");
    public static final Path HOME = Path.of("/build/home");
    public static final Path TMP = Path.of("/tmp");
    public static final Path MAVEN_USER_HOME = Path.of("/cache/m2");
    public static final Path MAVEN_REPOSITORY = MAVEN_USER_HOME.resolve("repository");
    public static final Path GRADLE_HOME = Path.of("/cache/gradle");
    public static final Path SHARED_MAVEN = Path.of("/shared/m2");

    /** What of /etc a build needs: TLS roots, name resolution, time zone, Java's and Maven's config. */
    static final List<String> ETC = List.of("/etc/ssl", "/etc/ca-certificates", "/etc/pki", "/etc/resolv.conf",
            "/etc/hosts", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf", "/etc/protocols", "/etc/services",
            "/etc/localtime", "/etc/timezone", "/etc/alternatives", "/etc/maven", "/etc/mavenrc");

    /**
     * @param uid, gid      the build user's ids
     * @param rootEntries   how /bin, /lib, /sbin... appear: {@code --symlink usr/bin /bin} on a merged-/usr system
     * @param readOnly      toolchain and other read-only directories outside /usr (JAVA_HOME, /etc/java-17-openjdk)
     * @param sharedMaven   a Maven repository every app reads and none writes (DEPLOYER_MAVEN_REPO)
     */
    public record Machine(int uid, int gid, List<String> rootEntries, List<Path> readOnly, Optional<Path> sharedMaven,
                          int maxProcesses, long maxFileBytes) {
        public Machine {
            rootEntries = List.copyOf(rootEntries);
            readOnly = List.copyOf(readOnly);
        }
    }

    private final Machine machine;

    public Sandbox(Machine machine) {
        this.machine = machine;
    }

    public Machine machine() {
        return machine;
    }

    /**
     * {@code command}, run in the sandbox of one build: {@code workspace} holds src, home, tmp and the
     * passwd/group files; {@code appCache} holds m2 and gradle.
     */
    public List<String> wrap(List<String> command, Path workspace, Path appCache) {
        List<String> words = new ArrayList<>(List.of("bwrap", "--die-with-parent", "--new-session",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "build",
                "--ro-bind", "/usr", "/usr"));
        words.addAll(machine.rootEntries());
        // Mount points bwrap makes would follow the server's umask; the build user must be able to enter them.
        for (String dir : List.of("/etc", "/build", "/cache", "/shared")) {
            words.addAll(List.of("--perms", "0755", "--dir", dir));
        }
        for (String etc : ETC) {
            words.addAll(List.of("--ro-bind-try", etc, etc));
        }
        words.addAll(List.of("--ro-bind", workspace.resolve("passwd").toString(), "/etc/passwd",
                "--ro-bind", workspace.resolve("group").toString(), "/etc/group"));
        for (Path dir : machine.readOnly()) {
            words.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
        }
        words.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--bind", workspace.resolve("src").toString(), SOURCE.toString(),
                "--bind", workspace.resolve("home").toString(), HOME.toString(),
                "--bind", workspace.resolve("tmp").toString(), TMP.toString(),
                "--bind", appCache.resolve("m2").toString(), MAVEN_USER_HOME.toString(),
                "--bind", appCache.resolve("gradle").toString(), GRADLE_HOME.toString()));
        machine.sharedMaven().ifPresent(shared -> words.addAll(List.of("--ro-bind", shared.toString(), SHARED_MAVEN.toString())));
        words.addAll(List.of("--chdir", SOURCE.toString(), "--",
                "/usr/bin/prlimit", "--nproc=" + machine.maxProcesses(), "--fsize=" + machine.maxFileBytes(), "--core=0", "--",
                "/usr/bin/setpriv", "--reuid=" + machine.uid(), "--regid=" + machine.gid(), "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        words.addAll(command);
        return List.copyOf(words);
    }

    /** The build user as the sandbox's /etc/passwd shows it. */
    String passwd(String user) {
        return user + ":x:" + machine.uid() + ":" + machine.gid() + ":deployer build:" + HOME + ":/usr/sbin/nologin\n";
    }

    String group(String user) {
        return user + ":x:" + machine.gid() + ":\n";
    }
}
