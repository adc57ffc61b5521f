package dev.deployer.server.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The release phase on a host: the release's {@code release} command in a transient unit, as the app's user, in the
 * release's directory, with the release's env file and the units' hardening, cut off after a time limit. Pure.
 */
public final class ReleasePhaseCommands {
    private ReleasePhaseCommands() {}

    /**
     * {@code systemd-run --wait --pipe}: the command's output comes back on this command's stdout and stderr and its exit
     * code is this command's. No shell: {@code words} are the command's argv as the Procfile split them.
     */
    public static RemoteCommand run(String app, int version, List<String> words, Duration limit) {
        HostLayout layout = new HostLayout(app);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the release process needs a command");
        }
        List<String> all = new ArrayList<>(List.of("systemd-run", "--wait", "--pipe", "--collect", "--quiet",
                "--unit=" + layout.releasePhaseUnit(version),
                "--property=User=" + layout.user(), "--property=Group=" + layout.user(),
                "--property=EnvironmentFile=" + layout.releaseEnvFile(),
                "--property=Environment=JAR=" + layout.releaseJar(version),
                "--property=StateDirectory=" + layout.stateDirectoryName(),
                "--property=WorkingDirectory=" + layout.releaseDir(version),
                "--property=RuntimeMaxSec=" + limit.toSeconds()));
        SystemdUnit.HARDENING.forEach(p -> all.add("--property=" + p));
        all.add("--");
        all.addAll(words);
        return RemoteCommand.of(all);
    }
}
