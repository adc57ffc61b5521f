package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a deployment stands: {@code queued} until it has its turn, {@code building} (deploy) or
 * {@code preparing} (rollback, config) its release, {@code deploying} it to the hosts, then one of
 * {@code succeeded}, {@code failed} or {@code interrupted} (its server stopped while it ran).
 */
public enum DeploymentStatus {
    QUEUED("queued"),
    BUILDING("building"),
    PREPARING("preparing"),
    DEPLOYING("deploying"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    INTERRUPTED("interrupted");

    private final String value;

    DeploymentStatus(String value) {
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
    public static DeploymentStatus from(String value) {
        return WireValues.parse(values(), DeploymentStatus::value, "deployment status", value);
    }

    /** The value, so that messages and logs built by concatenation read as they always did. */
    @Override
    public String toString() {
        return value;
    }
}
