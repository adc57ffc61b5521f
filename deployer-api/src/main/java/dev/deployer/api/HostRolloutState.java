package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where one host stands in a deployment: {@code pending}, {@code staging} (artifact upload),
 * {@code staged}, {@code activating}, then {@code healthy}, or {@code reverted} (put back on the release it
 * had) or {@code failed} (its step or its revert failed).
 */
public enum HostRolloutState {
    PENDING("pending"),
    STAGING("staging"),
    STAGED("staged"),
    ACTIVATING("activating"),
    HEALTHY("healthy"),
    REVERTED("reverted"),
    FAILED("failed");

    private final String value;

    HostRolloutState(String value) {
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
    public static HostRolloutState from(String value) {
        return WireValues.parse(values(), HostRolloutState::value, "host state", value);
    }

    /** The value, so that messages and logs built by concatenation read as they always did. */
    @Override
    public String toString() {
        return value;
    }
}
