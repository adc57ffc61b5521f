package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A release is {@code pending} while its deployment runs, then {@code succeeded} once it went out to
 * every host, {@code failed}, or {@code interrupted} when its server stopped mid-deployment.
 * Rollback returns to the newest {@code succeeded} release.
 */
public enum ReleaseStatus {
    PENDING("pending"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    INTERRUPTED("interrupted");

    private final String value;

    ReleaseStatus(String value) {
        this.value = value;
    }

    /** The word stored in the database and sent as JSON. */
    @JsonValue
    public String value() {
        return value;
    }

    /** True when {@code value} is this constant's word (false for null or any other word, known or not). */
    public boolean is(String value) {
        return this.value.equals(value);
    }

    /** Parses a stored or received word; an unknown one is refused with the list of known ones. */
    @JsonCreator
    public static ReleaseStatus from(String value) {
        return WireValues.parse(values(), ReleaseStatus::value, "release status", value);
    }

    /** The value, so that messages and logs built by concatenation read as they always did. */
    @Override
    public String toString() {
        return value;
    }
}
