package dev.deployer.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.apps.App;
import dev.deployer.server.apps.JavaOptions;
import dev.deployer.server.secrets.Secret;
import dev.deployer.testhosts.CommandResult;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import dev.deployer.testhosts.WithTestHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a real Debian host with systemd as PID 1: the rendered env file and unit, installed as a
 * deploy installs them, give the app's process exactly the values that were set.
 */
@WithTestHosts(1)
class EnvFileIT {
    static final Map<String, String> TRICKY = Map.ofEntries(
            Map.entry("QUOTES", "say \"hi\" and 'bye'"),
            Map.entry("DOLLAR", "$HOME ${PATH} $(id) `id` $"),
            Map.entry("HASH", "#not a comment ;nor this"),
            Map.entry("EQUALS", "a=b=c="),
            Map.entry("BACKSLASH", "C:\\dir\\n \\\" \\$ \\` \\"),
            Map.entry("SPACES", "  padded  "),
            Map.entry("NEWLINES", "\nline1\nline2\r\n\n"),
            Map.entry("UNICODE", "ünïcødé ☃ 日本 🚀"),
            Map.entry("CONTROL", "tab\there esc\u001b[0m del\u007f"),
            Map.entry("EMPTY", ""),
            Map.entry("LOOKS_LIKE_A_LINE", "\nPORT=1\nEVIL=1"));

    private final HostLayout layout = new HostLayout("envprobe");
    private final App app = new App(1, "envprobe", null, "main", 18080, "-Xmx64m -Dprobe=%p$HOME", 17, null, 60, null, null,
            900, 5, null, List.of("th1"), Instant.EPOCH, 512);
    private TestHost host;

    @BeforeEach
    void pickHost(TestHosts hosts) {
        host = hosts.get(0);
        removeProbe();
    }

    @AfterEach
    void removeProbe() {
        if (host == null) {
            return;
        }
        run(HostCommands.systemctl("stop", layout.unitName()));
        run(HostCommands.removeFile(layout.unitFile()));
        run(HostCommands.daemonReload());
        run(HostCommands.removeFile(layout.envFile()));
        run(HostCommands.removeTree(layout.appDir()));
        run(HostCommands.removeTree(layout.stateDir()));
        run(RemoteCommand.of("userdel", "--", layout.user()));
    }

    @Test
    void appProcessSeesExactlyTheValuesThatWereSet() throws Exception {
        Map<String, Secret> vars = new HashMap<>();
        TRICKY.forEach((key, value) -> vars.put(key, Secret.of(value)));

        install(EnvFile.render(vars, app.port()), SystemdUnit.render(new SystemdUnit.Spec(app.name(), JavaOptions.words(app.javaOptions()))));
        run(HostCommands.systemctl("start", layout.unitName())).orThrow();
        Map<String, String> seen = environmentOfTheApp();

        TRICKY.forEach((key, value) -> assertThat(seen.get(key)).as(key).isEqualTo(value));
        assertThat(seen).containsEntry("PORT", "18080").doesNotContainKey("EVIL");
        assertThat(run(RemoteCommand.of("cat", layout.stateDir() + "/facts")).out())
                .isEqualTo("user=envprobe\ncwd=/var/lib/deployer/envprobe\noptWritable=false\nprobe=%p$HOME");
        assertThat(run(RemoteCommand.of("stat", "-c", "%U:%G %a", layout.envFile())).out()).isEqualTo("root:root 600");
        assertThat(run(RemoteCommand.of("stat", "-c", "%U:%G %a", layout.unitFile())).out()).isEqualTo("root:root 644");
        assertThat(run(RemoteCommand.of("getent", "passwd", layout.user())).out())
                .satisfies(line -> assertThat(AppUser.isDeployers(layout, line)).isTrue())
                .endsWith(":/usr/sbin/nologin");
    }

    /** As a deploy does it: user, release dir and current link, env file 0600, unit 0644, daemon-reload. */
    private void install(byte[] envFile, String unit) throws IOException, InterruptedException {
        if (!run(AppUser.lookup(layout)).ok()) {
            run(AppUser.create(layout)).orThrow();
        }
        run(HostCommands.mkdirs(layout.releaseDir(1))).orThrow();
        write(layout.releaseJar(1), "0644", EnvProbeJar.build());
        run(HostCommands.symlink(layout.currentTarget(1), layout.current())).orThrow();
        run(HostCommands.mkdirs(HostLayout.ENV_DIR)).orThrow();
        write(layout.envFile(), "0600", envFile);
        write(layout.unitFile(), "0644", unit.getBytes(StandardCharsets.UTF_8));
        run(HostCommands.daemonReload()).orThrow();
    }

    /** The file exists with its mode before a byte is written, so the env file is never readable by others. */
    private void write(String path, String mode, byte[] content) throws IOException, InterruptedException {
        run(HostCommands.createEmpty(path, mode)).orThrow();
        Process process = new ProcessBuilder(host.sshCommand(host.rootUser(), HostCommands.writeStdinTo(path).render()))
                .redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(content);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("writing " + path + ": " + output).isZero();
    }

    private Map<String, String> environmentOfTheApp() throws InterruptedException {
        String environ = layout.stateDir() + "/environ";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!run(RemoteCommand.of("test", "-s", environ)).ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the probe app wrote no environment; its journal:\n"
                        + run(RemoteCommand.of("journalctl", "-u", layout.unitName(), "--no-pager", "-n", "30")).stdout());
            }
            Thread.sleep(250);
        }
        byte[] raw = Base64.getDecoder().decode(run(RemoteCommand.of("base64", "-w0", environ)).orThrow().out());
        Map<String, String> seen = new TreeMap<>();
        for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            int equals = entry.indexOf('=');
            seen.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return seen;
    }

    private CommandResult run(RemoteCommand command) {
        return host.runAs(host.rootUser(), command.render(), TestHost.DEFAULT_TIMEOUT);
    }
}
