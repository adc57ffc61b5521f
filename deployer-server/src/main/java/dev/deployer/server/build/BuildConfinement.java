package dev.deployer.server.build;

import java.util.Optional;

/**
 * How this server runs builds, decided once at start by {@link SandboxCheck}: in the sandbox, without
 * one because the operator said so, or not at all because the sandbox is wanted and cannot run.
 *
 * @param description one sentence for the start log, {@code check} and the health check
 * @param refusal     when present, every build fails with this sentence
 */
public record BuildConfinement(Optional<Sandbox> sandbox, String user, String description, Optional<String> refusal) {
    public static BuildConfinement sandboxed(Sandbox sandbox, String user, String description) {
        return new BuildConfinement(Optional.of(sandbox), user, description, Optional.empty());
    }

    /** Builds run as the server's own user, seeing everything it sees: only when DEPLOYER_BUILD_SANDBOX=off. */
    public static BuildConfinement unsandboxed(String description) {
        return new BuildConfinement(Optional.empty(), "", description, Optional.empty());
    }

    public static BuildConfinement refused(String reason) {
        return new BuildConfinement(Optional.empty(), "", "builds are refused: " + reason, Optional.of(reason));
    }

    public boolean isSandboxed() {
        return sandbox.isPresent();
    }
}
