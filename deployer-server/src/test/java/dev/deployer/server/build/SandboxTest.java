package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxTest {
    private final Sandbox sandbox = new Sandbox(new Sandbox.Machine(999, 995, List.of("--symlink", "usr/bin", "/bin"),
            List.of(Path.of("/opt/jdk")), Optional.of(Path.of("/srv/m2")), 4096, 1L << 32));

    private final List<String> words = sandbox.wrap(List.of("./mvnw", "-B", "package"),
            Path.of("/data/workspaces/app-1"), Path.of("/data/build-cache/app"));

    @Test
    void buildRunsInNewNamespacesDiesWithTheServerAndDropsToTheBuildUserWithoutCapabilities() {
        assertThat(words).startsWith("bwrap", "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-cgroup-try");
        assertThat(words).doesNotContain("--share-net", "--unshare-net", "--unshare-user");
        assertThat(words).endsWith("--chdir", "/build/src", "--",
                "/usr/bin/prlimit", "--nproc=4096", "--fsize=4294967296", "--core=0", "--",
                "/usr/bin/setpriv", "--reuid=999", "--regid=995", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--", "./mvnw", "-B", "package");
    }

    @Test
    void onlyTheWorkspaceAndTheAppsCachesAreWritableAndTheToolchainAndSharedRepositoryAreReadOnly() {
        assertThat(pairsAfter("--bind")).containsExactly(
                "/data/workspaces/app-1/src /build/src", "/data/workspaces/app-1/home /build/home",
                "/data/workspaces/app-1/tmp /tmp", "/data/build-cache/app/m2 /cache/m2",
                "/data/build-cache/app/gradle /cache/gradle");
        assertThat(pairsAfter("--ro-bind")).contains("/usr /usr", "/opt/jdk /opt/jdk", "/srv/m2 /shared/m2",
                "/data/workspaces/app-1/passwd /etc/passwd");
        assertThat(Collections.frequency(words, "--proc")).isOne();
    }

    @Test
    void theSandboxPasswdNamesTheBuildUserWithItsHomeInTheWorkspace() {
        assertThat(sandbox.passwd("deployer-build")).isEqualTo("deployer-build:x:999:995:deployer build:/build/home:/usr/sbin/nologin\n");
    }

    private List<String> pairsAfter(String flag) {
        List<String> pairs = new java.util.ArrayList<>();
        for (int i = 0; i + 2 < words.size(); i++) {
            if (words.get(i).equals(flag)) {
                pairs.add(words.get(i + 1) + " " + words.get(i + 2));
            }
        }
        return pairs;
    }
}
