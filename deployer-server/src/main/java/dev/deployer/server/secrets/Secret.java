package dev.deployer.server.secrets;

import java.util.Objects;

/**
 * A value that must never be printed. {@link #toString()} says {@code [REDACTED]}; the plain value
 * is read in exactly two places: encryption at rest ({@link SecretBox}) and writing the env file
 * on a host.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plain value. Callers are the two places named above, and nothing else. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                secret.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // no hash of a secret leaves this object
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
