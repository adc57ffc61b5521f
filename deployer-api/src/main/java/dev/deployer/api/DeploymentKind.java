package dev.deployer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What started a deployment: a build of a ref, a rollback to an old release, a config change, or scaling. */
public enum DeploymentKind {
    DEPLOY("deploy"),
    ROLLBACK("rollback"),
    CONFIG("config"),
    /** A copy of the current release with other instance counts per process type. */
    SCALE("scale");

    private final String value;

    DeploymentKind(String value) {
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
    public static DeploymentKind from(String value) {
        return WireValues.parse(values(), DeploymentKind::value, "deployment kind", value);
    }

    /** The value, so that messages and logs built by concatenation read as they always did. */
    @Override
    public String toString() {
        return value;
    }
}
