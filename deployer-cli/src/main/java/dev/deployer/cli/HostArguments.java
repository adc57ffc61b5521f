package dev.deployer.cli;

import dev.deployer.api.HostInput;
import java.util.function.Supplier;

/** The host validators of {@link HostInput}, with their complaint turned into exit code 2 before anything is sent. */
final class HostArguments {
    private HostArguments() {}

    static String name(String name) {
        return usage(() -> HostInput.name(name));
    }

    static String fingerprint(String fingerprint) {
        return usage(() -> HostInput.fingerprint(fingerprint));
    }

    static void all(String name, String address, int port, String user, String fingerprint) {
        name(name);
        usage(() -> HostInput.address(address));
        usage(() -> HostInput.port(port));
        usage(() -> HostInput.user(user));
        fingerprint(fingerprint);
    }

    static int port(Integer port) {
        return usage(() -> HostInput.port(port));
    }

    private static <T> T usage(Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
