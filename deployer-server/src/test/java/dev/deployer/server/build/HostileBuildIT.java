package dev.deployer.server.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.api.AppRequest;
import dev.deployer.server.testing.GitPush;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.SampleRepo;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A deployer-role token pushes a repository whose own mvnw hunts for the server's secrets (by relative path,
 * by absolute path, by searching the disk, in every /proc/N/environ) and writes a marker into every directory
 * it can. None of the secrets reaches the push output, the deployment's stored output or the server log;
 * nothing outside its workspace and its own cache changes; another app's next build and deploy are unaffected.
 */
@WithTestHosts(1)
class HostileBuildIT {
    private static final int PORT = 8099;
    private static final String CANARY = "CANARY" + "ENVSECRET42";
    private static final String POISON = "poisoned-by-build";

    @Test
    void aHostileBuildFindsNoSecretChangesNothingOutsideItsWorkspaceAndLeavesOtherAppsAlone(TestHosts hosts) throws Exception {
        TestHost host = hosts.get(0);
        LiveDeployer.removeAppFrom(host, "victim");
        Path sharedMaven = Path.of(System.getProperty("user.home"), ".m2", "repository");
        try (LiveDeployer deployer = LiveDeployer.start(hosts, Map.of("DEPLOYER_IT_CANARY", CANARY))) {
            Path data = deployer.server().dataDir();
            assertThat(deployer.server().output()).contains("builds are sandboxed");
            String token = deployer.admin().createToken("ci", "deployer").token();
            deployer.createApp(AppRequest.create("victim", List.of(host.name())).withRun(PORT, "-Xmx64m", "/health"));
            deployer.createApp(AppRequest.create("hostile", List.of(host.name())));
            SampleRepo victim = SampleRepo.create(Files.createTempDirectory("victim-"));
            assertThat(push(deployer, victim.dir(), "victim", token).exitCode()).isZero();

            Map<String, String> before = snapshot(data);
            // The console shows the admin token once at first start, by design; what follows is the build's doing.
            int logBefore = deployer.server().output().length();
            Path hostileRepo = hostileRepository(data, deployer.server().pid(), sharedMaven);
            GitPush hostile = push(deployer, hostileRepo, "hostile", token);
            Map<String, String> after = snapshot(data);

            assertThat(hostile.exitCode()).as(hostile.text()).isNotZero();
            assertThat(hostile.text()).contains("probe: uid=" + uid()).contains("probe: done");
            List<String> secrets = secrets(data);
            List<String> seen = new ArrayList<>(List.of(hostile.text(), deployer.server().output().substring(logBefore)));
            for (long id = 1; id <= 3; id++) {
                seen.add(outputOf(deployer, id));
            }
            for (String secret : secrets) {
                assertThat(seen).as("a server secret reached what the pusher or operator sees").noneMatch(s -> s.contains(secret));
            }
            assertThat(hostile.text()).doesNotContain("probe: READ").doesNotContain("probe: found");
            assertThat(hostile.text().lines().map(String::strip).filter(line -> line.startsWith("remote:   | probe: wrote ")))
                    .containsExactly("remote:   | probe: wrote /cache/m2/repository");
            assertThat(hostile.text().lines().filter(line -> line.startsWith("remote:   | probe: writable "))
                    .map(line -> line.substring("remote:   | probe: writable ".length()).strip()))
                    .isNotEmpty()
                    .allMatch(dir -> dir.equals("/tmp") || dir.startsWith("/tmp/") || dir.startsWith("/cache/")
                            || dir.equals("/build/src") || dir.startsWith("/build/src/") || dir.startsWith("/build/home"),
                            "inside the build's workspace or its own cache");
            assertThat(after).as("the data dir outside the hostile build's own workspace and cache").isEqualTo(before);
            assertThat(markers(data)).allMatch(p -> p.startsWith(data.resolve("build-cache/hostile")));
            assertThat(markers(sharedMaven)).isEmpty();

            victim.commitVersion("2", false);
            GitPush next = push(deployer, victim.dir(), "victim", token);
            assertThat(next.exitCode()).as(next.text()).isZero();
            assertThat(host.run("curl -s http://127.0.0.1:" + PORT + "/").out()).isEqualTo("hello from hello-service 2");
            assertThat(markers(data.resolve("build-cache/victim"))).isEmpty();
        }
    }

    private static GitPush push(LiveDeployer deployer, Path repo, String app, String token) throws Exception {
        return GitPush.run(repo, deployer.server().url() + "git/" + app + ".git", token, "main");
    }

    /** What the server holds secret: the master key, the admin token, its SSH key's body, an env var. */
    private static List<String> secrets(Path data) throws IOException {
        List<String> secrets = new ArrayList<>(List.of(CANARY, Files.readString(data.resolve("admin-token")).strip(),
                Files.readString(data.resolve("master.key")).strip()));
        Files.readAllLines(data.resolve("ssh/id_ed25519")).stream().filter(line -> !line.startsWith("-----"))
                .filter(line -> line.length() > 20).forEach(secrets::add);
        assertThat(secrets).hasSizeGreaterThan(3);
        return secrets;
    }

    private static Path hostileRepository(Path data, long serverPid, Path sharedMaven) throws IOException {
        String mvnw = String.join("\n", "#!/bin/sh",
                "echo \"probe: uid=$(id -u)\"",
                "for rel in ../master.key ../../master.key ../../../master.key ../../../../master.key ../../admin-token "
                        + "../../../admin-token ../../ssh/id_ed25519 ../../../ssh/id_ed25519 ../../../db/deployer.mv.db; do",
                "  cat \"$rel\" 2>/dev/null && echo \"probe: READ $rel\"; done",
                "for abs in " + data + "/master.key " + data + "/admin-token " + data + "/ssh/id_ed25519 " + data
                        + "/db/deployer.mv.db /proc/" + serverPid + "/environ; do",
                "  cat \"$abs\" 2>/dev/null && echo \"probe: READ $abs\"; done",
                "find / -path /proc -prune -o \\( -name master.key -o -name admin-token -o -name 'id_ed25519*' "
                        + "-o -name '*.mv.db' \\) -print 2>/dev/null | while read f; do echo \"probe: found $f\"; cat \"$f\"; done",
                "for e in /proc/[0-9]*/environ; do tr '\\0' '\\n' < \"$e\" 2>/dev/null | sed 's/^/probe: env /'; done",
                // Writes only where named: were the sandbox ever broken, a write into every writable directory
                // would land all over the machine. What else is writable is listed, and asserted on.
                "for d in " + data + "/artifacts " + data + "/repos " + data + "/repos/victim.git " + data
                        + "/build-cache/victim/m2/repository " + data + "/m2/repository " + sharedMaven
                        + " /shared/m2 /usr /etc /cache/m2/repository; do",
                "  echo x > \"$d/" + POISON + "\" 2>/dev/null && echo \"probe: wrote $d\"; done",
                "find / -path /proc -prune -o -type d -writable -print 2>/dev/null | sed 's/^/probe: writable /'",
                "echo 'probe: done'",
                "exit 1", "");
        Path dir = Files.createTempDirectory("hostile-");
        Files.writeString(dir.resolve("mvnw"), mvnw, StandardCharsets.UTF_8);
        SampleRepo repo = SampleRepo.open(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.email", "dev@example.test");
        repo.git("config", "user.name", "Dev");
        repo.git("add", "-A");
        repo.git("update-index", "--chmod=+x", "mvnw");
        repo.git("commit", "-q", "-m", "a build that looks around");
        return dir;
    }

    /** Every file of the data dir but the database, the builds' scratch and the hostile app's own repository and cache. */
    private static Map<String, String> snapshot(Path data) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                String relative = data.relativize(file).toString();
                if (relative.startsWith("db") || relative.startsWith("workspaces") || relative.startsWith("repos/hostile.git")
                        || relative.startsWith("build-cache/hostile")) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                files.put(relative, attributes.isDirectory() ? "dir" : attributes.size() + "@" + attributes.lastModifiedTime());
            }
        }
        return files;
    }

    private static List<Path> markers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(file -> file.getFileName().toString().equals(POISON)).toList();
        }
    }

    private static String outputOf(LiveDeployer deployer, long id) {
        try {
            return deployer.admin().deploymentOutput(id) + deployer.admin().deployment(id);
        } catch (RuntimeException none) {
            return "";
        }
    }

    private static String uid() throws IOException {
        Process id = new ProcessBuilder("id", "-u", "deployer-build").redirectErrorStream(true).start();
        return new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
