package dev.deployer.server.testing;

import dev.deployer.testhosts.TestHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a plain deploy script does to get a file onto a host: {@code scp} as root, with the host's SSH options. */
public final class Scp {
    private Scp() {}

    public static void copy(TestHost host, Path file, String remotePath) {
        List<String> scp = new ArrayList<>(List.of("scp", "-q"));
        scp.addAll(host.sshBaseCommand().subList(1, host.sshBaseCommand().size()).stream()
                .map(option -> option.equals("-p") ? "-P" : option).toList());
        scp.addAll(List.of(file.toString(), "root@" + host.address() + ":" + remotePath));
        try {
            Process process = new ProcessBuilder(scp).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new AssertionError(scp + " failed: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
